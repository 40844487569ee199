// runtime/system: the private temporary folder, putting a file into a folder we do not trust, and
// starting a program without a shell (issue 30).
#include "runtime/system/private_folder.hpp"
#include "runtime/system/publish_file.hpp"
#include "runtime/system/spawn.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace mls;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("a private folder is 0700, refuses planted names and is removed with its files") {
  std::string where;
  {
    sys::PrivateFolder dir("mls-test");
    REQUIRE(dir.ok());
    where = dir.path();
    struct stat st {};
    REQUIRE(::lstat(where.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(dir.write("a.txt", "hello"));
    CHECK(dir.read("a.txt") == "hello");
    CHECK(!dir.write("a.txt", "again"));  // exclusive: an existing name is never reused
    fs::create_symlink("/etc/hostname", dir.file("link"));
    errno = 0;
    CHECK(dir.create("link") < 0);  // a planted link is not followed
    CHECK(errno == EEXIST);
    CHECK(dir.read("link").empty());  // nor read through
    CHECK(dir.create("sub/x") < 0);
  }
  CHECK(!fs::exists(where));
  CHECK(fs::exists("/etc/hostname"));
}

TEST_CASE("a private folder that cannot be made says why") {
  const char* old = std::getenv("TMPDIR");
  std::string keep = old ? old : "";
  ::setenv("TMPDIR", "/nonexistent-mls-folder", 1);
  sys::PrivateFolder dir("mls-test");
  if (old) ::setenv("TMPDIR", keep.c_str(), 1);
  else ::unsetenv("TMPDIR");
  CHECK(!dir.ok());
  CHECK(dir.error().find("/nonexistent-mls-folder") != std::string::npos);
}

TEST_CASE("publishing replaces links at the name and never writes through them") {
  sys::PrivateFolder scratch("mls-test");
  REQUIRE(scratch.ok());
  fs::path root = scratch.path(), out = root / "out";
  fs::create_directory(out);
  REQUIRE(scratch.write("victim", "VICTIM"));
  fs::create_symlink(root / "victim", out / "sym.svg");
  fs::create_hard_link(root / "victim", out / "hard.svg");
  fs::create_symlink(root / "dangling", out / "dangling.svg");
  for (const char* name : {"sym.svg", "hard.svg", "dangling.svg", "new.svg"}) {
    CHECK(sys::publish_file(out.string(), name, "<svg/>").empty());
    CHECK(!fs::is_symlink(out / name));
    CHECK(slurp(out / name) == "<svg/>");
  }
  CHECK(slurp(root / "victim") == "VICTIM");
  CHECK(!fs::exists(root / "dangling"));
  // a folder at the name: refused, and no partial file is left
  fs::create_directory(out / "taken.svg");
  CHECK(!sys::publish_file(out.string(), "taken.svg", "x").empty());
  CHECK(!sys::publish_file(out.string(), "../escape.svg", "x").empty());
  int files = 0;
  for (auto& e : fs::directory_iterator(out)) files += e.path().filename().string().rfind(".mls-partial-", 0) == 0;
  CHECK(files == 0);
  CHECK(!fs::exists(root / "escape.svg"));
}

TEST_CASE("a program starts without a shell, in its folder, with its stderr captured") {
  sys::PrivateFolder dir("mls-test");
  REQUIRE(dir.ok());
  int err = dir.create("err");
  sys::SpawnOptions o;
  o.cwd = dir.path();
  o.stderr_fd = err;
  // The argument reaches the program as one word: a shell would have run `touch PWNED`.
  auto r = sys::spawn_and_wait({"ls", "no such file; touch PWNED"}, o);
  ::close(err);
  CHECK(r.spawn_error == 0);
  CHECK(r.exit_code != 0);
  CHECK(dir.read("err").find("no such file; touch PWNED") != std::string::npos);
  CHECK(!fs::exists(dir.file("PWNED")));
  CHECK(sys::spawn_and_wait({"true"}, {}).ok());
  auto missing = sys::spawn_and_wait({"mls-no-such-program"}, {});
  CHECK(missing.spawn_error == ENOENT);
  CHECK(!missing.ok());
}

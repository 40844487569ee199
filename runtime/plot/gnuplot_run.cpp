#include "runtime/plot/gnuplot_run.hpp"

#include "runtime/system/private_folder.hpp"
#include "runtime/system/spawn.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace mls::plot {

namespace {
// gnuplot echoes the failing line; a page of it is enough to see what went wrong.
constexpr std::size_t kMaxMessage = 4000;

std::string message(std::string e) {
  while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
  if (e.size() > kMaxMessage) e = e.substr(0, kMaxMessage) + " …";
  return e;
}
}  // namespace

Drawing run_gnuplot(const std::string& program, const std::string& output_name) {
  if (std::getenv("MLS_PLOT_DEBUG")) std::fprintf(stderr, "%s", program.c_str());  // the gnuplot program, for debugging
  Drawing d;
  sys::PrivateFolder dir("mls-plot");
  if (!dir.ok()) {
    d.problem = dir.error();
    return d;
  }
  if (!dir.write("plot.gp", program)) {
    d.problem = "cannot write the gnuplot program into '" + dir.path() + "': " + std::strerror(errno);
    return d;
  }
  int err = dir.create("gnuplot.err");
  if (err < 0) {
    d.problem = "cannot create a file in '" + dir.path() + "': " + std::strerror(errno);
    return d;
  }
  sys::SpawnOptions o;
  o.cwd = dir.path();
  o.stderr_fd = err;
  sys::SpawnResult r = sys::spawn_and_wait({"gnuplot", "--default-settings", "plot.gp"}, o);
  ::close(err);
  if (r.spawn_error == ENOENT) d.problem = "gnuplot is not installed (apt-get install gnuplot-nox)";
  else if (r.spawn_error) d.problem = std::string("cannot start gnuplot: ") + std::strerror(r.spawn_error);
  else if (r.exit_code != 0) {
    std::string e = message(dir.read("gnuplot.err"));
    d.problem = e.empty() ? "gnuplot failed" + (r.exit_code < 0 ? std::string(" (killed by a signal)") : " (exit " + std::to_string(r.exit_code) + ")") : e;
  } else {
    d.content = dir.read(output_name);
    if (d.content.empty()) d.problem = "gnuplot wrote no chart";
  }
  return d;
}

}  // namespace mls::plot

// A folder only this process can use: made with mkdtemp (mode 0700, a fresh unpredictable name) under
// $TMPDIR (or /tmp), its files created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW: never an existing file
// or a link someone planted), and removed with everything in it when the object goes away.
#pragma once

#include <string>

namespace mls::sys {

class PrivateFolder {
 public:
  // `prefix` names the folder's purpose: $TMPDIR/<prefix>-XXXXXX. ok() is false when it could not be made.
  explicit PrivateFolder(const std::string& prefix);
  ~PrivateFolder();
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::string& error() const { return error_; }  // why it could not be made
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

  // Creates the file `name` (a plain name, no '/') for writing; returns its descriptor (O_CLOEXEC),
  // or -1 with errno set (EEXIST when the name is taken).
  int create(const std::string& name) const;
  // Writes `content` to a new file `name`; false on any error.
  bool write(const std::string& name, const std::string& content) const;
  // The whole content of the file `name` ("" when it is missing), read without following a link.
  std::string read(const std::string& name) const;

 private:
  std::string path_, error_;
};

}  // namespace mls::sys

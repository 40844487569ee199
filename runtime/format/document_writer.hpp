// A small document in markdown or self-contained HTML — headings, paragraphs and tables of text — for
// the outputs meant for reports and course pages (`--format markdown|html`: a run's results, `mls
// zoo`). Callers give plain text; each writer escapes it for its format, so a string from a script
// can never open a table column, a tag or a link.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace mls::out {

class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;
  virtual void begin(const std::string& title) = 0;  // the document's title ("" none)
  virtual void heading(const std::string& text) = 0;  // a section
  // A paragraph; its lines stay lines.
  virtual void paragraph(const std::string& text) = 0;
  // `numeric[k]`: column k holds numbers (right-aligned); `caption` ("" none) names the table.
  virtual void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                     const std::vector<bool>& numeric, const std::string& caption) = 0;
  virtual void end() = 0;
};

std::unique_ptr<DocumentWriter> markdown_writer(std::ostream& out);
std::unique_ptr<DocumentWriter> html_writer(std::ostream& out);

// Text escaped for HTML (& < > " '), control characters shown as escapes.
std::string html_text(const std::string& s);

}  // namespace mls::out

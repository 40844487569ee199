#include "runtime/format/document_writer.hpp"

#include "compiler/source/visible_text.hpp"
#include "runtime/format/markdown_cell.hpp"

#include <ostream>
#include <sstream>

namespace mls::out {

namespace {

// Paragraph text: markdown's punctuation that could start emphasis, code or a link anywhere, or a
// heading, a list or a quote at the start of a line, is escaped with a backslash (CommonMark allows
// one before any ASCII punctuation).
std::string markdown_text(const std::string& line) {
  std::string o;
  for (char c : visible_text(line, Layout::Inline)) {
    if (c == '<') o += "&lt;";
    else if (c == '&') o += "&amp;";
    else if (std::string_view("\\`*_[]|").find(c) != std::string_view::npos) o += std::string("\\") + c;
    else if (o.empty() && std::string_view("#>+-=").find(c) != std::string_view::npos) o += std::string("\\") + c;
    else o += c;
  }
  return o;
}

class Markdown : public DocumentWriter {
 public:
  explicit Markdown(std::ostream& out) : out_(out) {}
  void begin(const std::string& title) override {
    if (!title.empty()) out_ << "# " << markdown_text(title) << "\n\n";
  }
  void heading(const std::string& text) override { out_ << "## " << markdown_text(text) << "\n\n"; }
  void paragraph(const std::string& text) override {
    std::istringstream lines(text);
    std::string line, o;
    while (std::getline(lines, line)) o += (o.empty() ? "" : "  \n") + markdown_text(line);  // hard line breaks
    out_ << o << "\n\n";
  }
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& numeric, const std::string& caption) override {
    if (!caption.empty()) out_ << "**" << markdown_text(caption) << "**\n\n";
    out_ << "|";
    for (auto& h : header) out_ << " " << markdown_cell(h) << " |";
    out_ << "\n|";
    for (std::size_t k = 0; k < header.size(); ++k) out_ << (k < numeric.size() && numeric[k] ? "---:|" : "---|");
    out_ << "\n";
    for (auto& row : rows) {
      out_ << "|";
      for (std::size_t k = 0; k < header.size(); ++k) out_ << " " << (k < row.size() ? markdown_cell(row[k]) : "") << " |";
      out_ << "\n";
    }
    out_ << "\n";
  }
  void end() override {}

 private:
  std::ostream& out_;
};

class Html : public DocumentWriter {
 public:
  explicit Html(std::ostream& out) : out_(out) {}
  void begin(const std::string& title) override {
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << html_text(title)
         << "</title>\n<style>\n"
            "body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }\n"
            "table { border-collapse: collapse; margin: 0 0 1.2em 0; }\n"
            "caption { text-align: left; font-weight: bold; padding: 0.2em 0; }\n"
            "th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }\n"
            "th { background: #f3f3f3; text-align: left; }\n"
            "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
            "p { white-space: pre-wrap; }\n"
            "</style>\n</head>\n<body>\n";
    if (!title.empty()) out_ << "<h1>" << html_text(title) << "</h1>\n";
  }
  void heading(const std::string& text) override { out_ << "<h2>" << html_text(text) << "</h2>\n"; }
  void paragraph(const std::string& text) override { out_ << "<p>" << html_text(text) << "</p>\n"; }
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& numeric, const std::string& caption) override {
    out_ << "<table>\n";
    if (!caption.empty()) out_ << "<caption>" << html_text(caption) << "</caption>\n";
    out_ << "<thead><tr>";
    for (auto& h : header) out_ << "<th>" << html_text(h) << "</th>";
    out_ << "</tr></thead>\n<tbody>\n";
    for (auto& row : rows) {
      out_ << "<tr>";
      for (std::size_t k = 0; k < header.size(); ++k)
        out_ << (k < numeric.size() && numeric[k] ? "<td class=\"num\">" : "<td>") << (k < row.size() ? html_text(row[k]) : "")
             << "</td>";
      out_ << "</tr>\n";
    }
    out_ << "</tbody>\n</table>\n";
  }
  void end() override { out_ << "</body>\n</html>\n"; }

 private:
  std::ostream& out_;
};

}  // namespace

std::string html_text(const std::string& s) {
  std::string o;
  for (char c : visible_text(s, Layout::Keep)) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

std::unique_ptr<DocumentWriter> markdown_writer(std::ostream& out) { return std::make_unique<Markdown>(out); }
std::unique_ptr<DocumentWriter> html_writer(std::ostream& out) { return std::make_unique<Html>(out); }

}  // namespace mls::out

// MLS syntax highlighting for CodeMirror 6: a stream tokenizer (comments, strings with {…}
// interpolation, numbers, keywords, built-in functions, zoo names, units). The name sets come from
// the engine's catalogue once the module has loaded (setNames).
import { StreamLanguage } from "@codemirror/language";

const names = { keywords: new Set(), functions: new Set(), units: new Set(), zoo: new Set(), solvers: new Set() };

export function setNames(catalog) {
  names.keywords = new Set(catalog.keywords);
  names.functions = new Set(catalog.functions);
  names.units = new Set(catalog.units.map((u) => u.symbol));
  names.zoo = new Set(catalog.zoo.map((z) => z.name));
  names.solvers = new Set(catalog.solvers.map((s) => s.name));
}

export const mlsLanguage = StreamLanguage.define({
  name: "mls",
  startState: () => ({ inString: false }),
  token(stream, state) {
    if (state.inString) {
      while (!stream.eol()) {
        const ch = stream.next();
        if (ch === "\\") stream.next();
        else if (ch === '"') {
          state.inString = false;
          break;
        }
      }
      return "string";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("#")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.peek() === '"') {
      stream.next();
      state.inString = true;
      return "string";
    }
    if (stream.match(/^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?|^\.[0-9]+/)) return "number";
    if (stream.match(/^(->|==|!=|<=|>=|~=|\.\.|[-+*\/^<>=%])/)) return "operator";
    const word = stream.match(/^[A-Za-z_µ][A-Za-z0-9_µ]*/);
    if (word) {
      const w = word[0];
      if (names.keywords.has(w)) return "keyword";
      if (names.functions.has(w) || names.solvers.has(w)) return "function";
      if (names.zoo.has(w)) return "className";
      if (names.units.has(w)) return "unit";
      return "variableName";
    }
    stream.next();
    return null;
  },
  tokenTable: { unit: "typeName", function: "function(variableName)", className: "className" },
  languageData: { commentTokens: { line: "#" } },
});

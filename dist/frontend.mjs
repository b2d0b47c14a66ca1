import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform2 = navigator.platform.toLowerCase();
        return platform2 === "win32" || platform2 === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input2, char, lastIdx) => {
      const idx = input2.lastIndexOf(char, lastIdx);
      if (idx === -1) return input2;
      if (input2[idx - 1] === "\\") return exports.escapeLast(input2, char, idx - 1);
      return `${input2.slice(0, idx)}\\${input2.slice(idx)}`;
    };
    exports.removePrefix = (input2, state = {}) => {
      let output = input2;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input2, state = {}, options5 = {}) => {
      const prepend = options5.contains ? "" : "^";
      const append = options5.contains ? "" : "$";
      let output = `${prepend}(?:${input2})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path12, { windows } = {}) => {
      const segs = path12.split(windows ? /[\\/]/ : "/");
      const last2 = segs[segs.length - 1];
      if (last2 === "") {
        return segs[segs.length - 2];
      }
      return last2;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input2, options5) => {
      const opts = options5 || {};
      const length = input2.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input2;
      let index = -1;
      let start2 = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start2 + 1) {
            start2 += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start2) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code2 === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start2) {
          negated = token.negated = true;
          start2++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code2 === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start2 > 0) {
        prefix = str.slice(0, start2);
        str = str.slice(start2);
        lastIndex -= start2;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input: input2,
        start: start2,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start2;
          const i = slashes[idx];
          const value2 = input2.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start2 !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start2) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start2;
        const value = input2.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input2.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options5) => {
      if (typeof options5.expandRange === "function") {
        return options5.expandRange(...args, options5);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError2 = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input2) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input2) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options5) => {
      if (options5.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options5.maxExtglobRecursion === "number" ? options5.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input2, options5) => {
      if (typeof input2 !== "string") {
        throw new TypeError("Expected a string");
      }
      input2 = REPLACEMENTS[input2] || input2;
      const opts = { ...options5 };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input2.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input: input2,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input2 = utils.removePrefix(input2, state);
      len = input2.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input2[state.index + n];
      const advance = state.advance = () => input2[++state.index] || "";
      const remaining = () => input2.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate2 = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input2.slice(token.startIndex, state.index + 1);
        const body = input2.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options5, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input2)) {
        let backslashes = false;
        let output = input2.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input2 && opts.contains === true) {
          state.output = input2;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options5);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix2 = POSIX_REGEX_SOURCE[rest2];
                if (posix2) {
                  prev.value = pre + posix2;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError2("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError2("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError2("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate2();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input2[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError2("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError2("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError2("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input2, options5) => {
      const opts = { ...options5 };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input2.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input2 = REPLACEMENTS[input2] || input2;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input2, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject2 = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob, options5, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input2) => picomatch2(input2, options5, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject2(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options5 || {};
      const posix2 = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options5) : picomatch2.makeRe(glob, options5, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options5, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input2, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input2, regex, options5, { glob, posix: posix2 });
        const result = { glob, state, regex, posix: posix2, input: input2, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input2)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch2.test = (input2, regex, options5, { glob, posix: posix2 } = {}) => {
      if (typeof input2 !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input2 === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options5 || {};
      const format = opts.format || (posix2 ? utils.toPosixSlashes : null);
      let match = input2 === glob;
      let output = match && format ? format(input2) : input2;
      if (match === false) {
        output = format ? format(input2) : input2;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input2, regex, options5, posix2);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input2, glob, options5, posix2 = options5 && options5.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options5);
      return regex.test(utils.basename(input2, { windows: posix2 }));
    };
    picomatch2.isMatch = (str, patterns, options5) => picomatch2(patterns, options5)(str);
    picomatch2.parse = (pattern, options5) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options5));
      return parse(pattern, { ...options5, fastpaths: false });
    };
    picomatch2.scan = (input2, options5) => scan(input2, options5);
    picomatch2.compileRe = (state, options5, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options5 || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options5);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input2, options5 = {}, returnOutput = false, returnState = false) => {
      if (!input2 || typeof input2 !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options5.fastpaths !== false && (input2[0] === "." || input2[0] === "*")) {
        parsed.output = parse.fastpaths(input2, options5);
      }
      if (!parsed.output) {
        parsed = parse(input2, options5);
      }
      return picomatch2.compileRe(parsed, options5, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options5) => {
      try {
        const opts = options5 || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options5 && options5.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob, options5, returnState = false) {
      if (options5 && (options5.windows === null || options5.windows === void 0)) {
        options5 = { ...options5, windows: utils.isWindows() };
      }
      return pico(glob, options5, returnState);
    }
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// frontend/gateway/caps.ts
var GatewayCap = {
  solveBase: "solve.base",
  importCaches: "importcaches",
  solveEvaluate: "gateway.solve.evaluate",
  protoRefArray: "proto.refarray",
  returnResult: "return",
  returnMap: "returnmap",
  readFile: "readfile",
  readDir: "readdir",
  statFile: "statfile",
  resolveImage: "resolveimage",
  resolveImageResolveMode: "resolveimage.resolvemode",
  frontendInputs: "frontend.inputs",
  warnings: "gateway.warnings",
  attestations: "reference.attestations"
};
var CapabilityError = class extends Error {
  name = "CapabilityError";
  capId;
  constructor(capId, message2) {
    super(message2);
    this.capId = capId;
  }
};
var Caps = class {
  #caps;
  constructor(caps) {
    this.#caps = new Map(caps.map((cap) => [cap.id, cap]));
  }
  has(id) {
    return this.#caps.get(id)?.enabled === true;
  }
  /** Enabled cap ids, sorted, e.g. for a log line. */
  enabled() {
    return [...this.#caps.values()].filter((cap) => cap.enabled).map((cap) => cap.id).sort();
  }
  /** Throws a CapabilityError naming `feature` unless `id` is enabled. */
  require(id, feature) {
    const cap = this.#caps.get(id);
    if (cap?.enabled) return;
    const message2 = !cap ? `cannot ${feature}: this BuildKit daemon lacks gateway capability "${id}"; a newer BuildKit is needed` : `cannot ${feature}: gateway capability "${id}" is disabled on this BuildKit daemon` + (cap.disabledReasonMsg ? `: ${cap.disabledReasonMsg}` : "");
    throw new CapabilityError(id, message2);
  }
};

// node_modules/@bufbuild/protobuf/dist/esm/wire/varint.js
function varint64read() {
  const buf = this.buf;
  let pos = this.pos;
  let lo = 0;
  let hi = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    const b = buf[pos++];
    lo |= (b & 127) << shift;
    if ((b & 128) == 0) {
      this.pos = pos;
      this.assertBounds();
      this.varint64Lo = lo;
      this.varint64Hi = hi;
      return;
    }
  }
  const middleByte = buf[pos++];
  lo |= (middleByte & 15) << 28;
  hi = (middleByte & 112) >> 4;
  if ((middleByte & 128) == 0) {
    this.pos = pos;
    this.assertBounds();
    this.varint64Lo = lo;
    this.varint64Hi = hi;
    return;
  }
  for (let shift = 3; shift <= 31; shift += 7) {
    const b = buf[pos++];
    hi |= (b & 127) << shift;
    if ((b & 128) == 0) {
      this.pos = pos;
      this.assertBounds();
      this.varint64Lo = lo;
      this.varint64Hi = hi;
      return;
    }
  }
  throw new Error("invalid varint");
}
var TWO_PWR_32_DBL = 4294967296;
function int64FromString(dec) {
  const minus = dec[0] === "-";
  if (minus) {
    dec = dec.slice(1);
  }
  const base = 1e6;
  let lowBits = 0;
  let highBits = 0;
  function add1e6digit(begin, end) {
    const digit1e6 = Number(dec.slice(begin, end));
    highBits *= base;
    lowBits = lowBits * base + digit1e6;
    if (lowBits >= TWO_PWR_32_DBL) {
      highBits = highBits + (lowBits / TWO_PWR_32_DBL | 0);
      lowBits = lowBits % TWO_PWR_32_DBL;
    }
  }
  add1e6digit(-24, -18);
  add1e6digit(-18, -12);
  add1e6digit(-12, -6);
  add1e6digit(-6);
  return minus ? negate(lowBits, highBits) : newBits(lowBits, highBits);
}
function int64ToString(lo, hi) {
  let bits = newBits(lo, hi);
  const negative = bits.hi & 2147483648;
  if (negative) {
    bits = negate(bits.lo, bits.hi);
  }
  const result = uInt64ToString(bits.lo, bits.hi);
  return negative ? "-" + result : result;
}
function uInt64ToString(lo, hi) {
  ({ lo, hi } = toUnsigned(lo, hi));
  if (hi <= 2097151) {
    return String(TWO_PWR_32_DBL * hi + lo);
  }
  const low = lo & 16777215;
  const mid = (lo >>> 24 | hi << 8) & 16777215;
  const high = hi >> 16 & 65535;
  let digitA = low + mid * 6777216 + high * 6710656;
  let digitB = mid + high * 8147497;
  let digitC = high * 2;
  const base = 1e7;
  if (digitA >= base) {
    digitB += Math.floor(digitA / base);
    digitA %= base;
  }
  if (digitB >= base) {
    digitC += Math.floor(digitB / base);
    digitB %= base;
  }
  return digitC.toString() + decimalFrom1e7WithLeadingZeros(digitB) + decimalFrom1e7WithLeadingZeros(digitA);
}
function toUnsigned(lo, hi) {
  return { lo: lo >>> 0, hi: hi >>> 0 };
}
function newBits(lo, hi) {
  return { lo: lo | 0, hi: hi | 0 };
}
function negate(lowBits, highBits) {
  highBits = ~highBits;
  if (lowBits) {
    lowBits = ~lowBits + 1;
  } else {
    highBits += 1;
  }
  return newBits(lowBits, highBits);
}
var decimalFrom1e7WithLeadingZeros = (digit1e7) => {
  const partial = String(digit1e7);
  return "0000000".slice(partial.length) + partial;
};
function varint32read() {
  let b = this.buf[this.pos++];
  if ((b & 128) === 0) {
    this.assertBounds();
    return b;
  }
  let result = b & 127;
  b = this.buf[this.pos++];
  result |= (b & 127) << 7;
  if ((b & 128) === 0) {
    this.assertBounds();
    return result;
  }
  b = this.buf[this.pos++];
  result |= (b & 127) << 14;
  if ((b & 128) === 0) {
    this.assertBounds();
    return result;
  }
  b = this.buf[this.pos++];
  result |= (b & 127) << 21;
  if ((b & 128) === 0) {
    this.assertBounds();
    return result;
  }
  b = this.buf[this.pos++];
  result |= (b & 15) << 28;
  for (let readBytes2 = 5; (b & 128) !== 0 && readBytes2 < 10; readBytes2++)
    b = this.buf[this.pos++];
  if ((b & 128) !== 0)
    throw new Error("invalid varint");
  this.assertBounds();
  return result >>> 0;
}

// node_modules/@bufbuild/protobuf/dist/esm/proto-int64.js
var protoInt64 = /* @__PURE__ */ makeInt64Support();
function makeInt64Support() {
  const dv = new DataView(new ArrayBuffer(8));
  const ok = typeof BigInt === "function" && typeof dv.getBigInt64 === "function" && typeof dv.getBigUint64 === "function" && typeof dv.setBigInt64 === "function" && typeof dv.setBigUint64 === "function" && (!!globalThis.Deno || !!globalThis.Bun || typeof process != "object" || typeof process.env != "object" || process.env.BUF_BIGINT_DISABLE !== "1");
  if (ok) {
    const MIN = BigInt("-9223372036854775808");
    const MAX = BigInt("9223372036854775807");
    const UMIN = BigInt("0");
    const UMAX = BigInt("18446744073709551615");
    return {
      zero: BigInt(0),
      supported: true,
      parse(value) {
        const bi = typeof value == "bigint" ? value : BigInt(value);
        if (bi > MAX || bi < MIN) {
          throw new Error(`invalid int64: ${value}`);
        }
        return bi;
      },
      uParse(value) {
        const bi = typeof value == "bigint" ? value : BigInt(value);
        if (bi > UMAX || bi < UMIN) {
          throw new Error(`invalid uint64: ${value}`);
        }
        return bi;
      },
      enc(value) {
        dv.setBigInt64(0, this.parse(value), true);
        return {
          lo: dv.getInt32(0, true),
          hi: dv.getInt32(4, true)
        };
      },
      uEnc(value) {
        dv.setBigInt64(0, this.uParse(value), true);
        return {
          lo: dv.getInt32(0, true),
          hi: dv.getInt32(4, true)
        };
      },
      dec(lo, hi) {
        dv.setInt32(0, lo, true);
        dv.setInt32(4, hi, true);
        return dv.getBigInt64(0, true);
      },
      uDec(lo, hi) {
        dv.setInt32(0, lo, true);
        dv.setInt32(4, hi, true);
        return dv.getBigUint64(0, true);
      }
    };
  }
  return {
    zero: "0",
    supported: false,
    parse(value) {
      if (typeof value != "string") {
        value = value.toString();
      }
      assertInt64String(value);
      return value;
    },
    uParse(value) {
      if (typeof value != "string") {
        value = value.toString();
      }
      assertUInt64String(value);
      return value;
    },
    enc(value) {
      if (typeof value != "string") {
        value = value.toString();
      }
      assertInt64String(value);
      return int64FromString(value);
    },
    uEnc(value) {
      if (typeof value != "string") {
        value = value.toString();
      }
      assertUInt64String(value);
      return int64FromString(value);
    },
    dec(lo, hi) {
      return int64ToString(lo, hi);
    },
    uDec(lo, hi) {
      return uInt64ToString(lo, hi);
    }
  };
}
function assertInt64String(value) {
  if (!/^-?[0-9]+$/.test(value)) {
    throw new Error("invalid int64: " + value);
  }
}
function assertUInt64String(value) {
  if (!/^[0-9]+$/.test(value)) {
    throw new Error("invalid uint64: " + value);
  }
}

// node_modules/@bufbuild/protobuf/dist/esm/wire/text-encoding.js
var te;
function configureTextEncoding(textEncoding) {
  var _a;
  te = Object.assign(Object.assign({}, textEncoding), { encodeUtf8Into: (_a = textEncoding.encodeUtf8Into) !== null && _a !== void 0 ? _a : emulateEncodeInto(textEncoding.encodeUtf8.bind(textEncoding)) });
}
function getTextEncoding() {
  if (!te) {
    const globals = globalThis;
    if (!globals.TextEncoder || !globals.TextDecoder) {
      throw new Error("encoding API missing: install TextEncoder and TextDecoder on globalThis");
    }
    const textEncoder = new globals.TextEncoder();
    const textDecoder = new globals.TextDecoder("utf-8", {
      ignoreBOM: true
    });
    let textDecoderStrict;
    const config = {
      encodeUtf8(text2) {
        return textEncoder.encode(text2);
      },
      decodeUtf8(bytes2, strict) {
        if (strict) {
          if (!textDecoderStrict) {
            textDecoderStrict = new globals.TextDecoder("utf-8", {
              fatal: true,
              ignoreBOM: true
            });
          }
          return textDecoderStrict.decode(bytes2);
        }
        return textDecoder.decode(bytes2);
      },
      checkUtf8(text2) {
        try {
          encodeURIComponent(text2);
          return true;
        } catch (_) {
          return false;
        }
      }
    };
    if (textEncoder.encodeInto) {
      config.encodeUtf8Into = textEncoder.encodeInto.bind(textEncoder);
    }
    const nativeStringIsWellFormed = String.prototype.isWellFormed;
    if (nativeStringIsWellFormed) {
      config.checkUtf8 = (text2) => {
        return nativeStringIsWellFormed.call(text2);
      };
    }
    configureTextEncoding(config);
  }
  return te;
}
function emulateEncodeInto(encodeUtf8) {
  return (text2, dest) => {
    const bytes2 = encodeUtf8(text2);
    dest.set(bytes2);
    return { written: bytes2.byteLength };
  };
}

// node_modules/@bufbuild/protobuf/dist/esm/wire/binary-encoding.js
var WireType;
(function(WireType2) {
  WireType2[WireType2["Varint"] = 0] = "Varint";
  WireType2[WireType2["Bit64"] = 1] = "Bit64";
  WireType2[WireType2["LengthDelimited"] = 2] = "LengthDelimited";
  WireType2[WireType2["StartGroup"] = 3] = "StartGroup";
  WireType2[WireType2["EndGroup"] = 4] = "EndGroup";
  WireType2[WireType2["Bit32"] = 5] = "Bit32";
})(WireType || (WireType = {}));
var UINT32_MAX = 4294967295;
var INT32_MAX = 2147483647;
var INT32_MIN = -2147483648;
var BinaryWriter = class {
  constructor(encodeUtf8) {
    this.stackPos = [];
    this.encodeUtf8Into = encodeUtf8 ? emulateEncodeInto(encodeUtf8) : getTextEncoding().encodeUtf8Into;
    this.buffer = EMPTY_BUFFER;
    this.viewCache = EMPTY_VIEW;
    this.pos = 0;
  }
  ensureCapacity(size) {
    const required = this.pos + size;
    if (required > this.buffer.length) {
      let newLen = this.buffer.length || INITIAL_SIZE;
      while (newLen < required)
        newLen *= 2;
      const newBuf = new Uint8Array(newLen);
      if (this.pos > 0)
        newBuf.set(this.buffer);
      this.buffer = newBuf;
    }
  }
  /**
   * The DataView over `buffer`, rebuilt only if the buffer has grown since it
   * was last used.
   */
  view() {
    const bytes2 = this.buffer;
    const view = this.viewCache;
    if (view.byteLength === bytes2.byteLength)
      return view;
    const newView = new DataView(bytes2.buffer);
    this.viewCache = newView;
    return newView;
  }
  /**
   * Return all bytes written and reset this writer.
   */
  finish() {
    const result = this.buffer.slice(0, this.pos);
    this.pos = 0;
    this.stackPos = [];
    return result;
  }
  /**
   * Start a new fork for length-delimited data like a message
   * or a packed repeated field.
   *
   * Must be joined later with `join()`.
   */
  fork() {
    this.stackPos.push(this.pos);
    this.ensureCapacity(DEFAULT_LEN_PREFIX_SIZE);
    this.buffer[this.pos++] = 0;
    return this;
  }
  /**
   * Join the last fork. Write its length and bytes, then
   * return to the previous state.
   */
  join() {
    const forkPos = this.stackPos.pop();
    if (forkPos === void 0)
      throw new Error("invalid state, fork stack empty");
    const len = this.pos - forkPos - DEFAULT_LEN_PREFIX_SIZE;
    const lenPrefixSize = varint32Size(len);
    if (lenPrefixSize > DEFAULT_LEN_PREFIX_SIZE) {
      this.ensureCapacity(lenPrefixSize - DEFAULT_LEN_PREFIX_SIZE);
      this.buffer.copyWithin(forkPos + lenPrefixSize, forkPos + DEFAULT_LEN_PREFIX_SIZE, this.pos);
    }
    this.pos = forkPos;
    this.uint32(len);
    this.pos += len;
    return this;
  }
  /**
   * Writes a tag (field number and wire type).
   *
   * Equivalent to `uint32( (fieldNo << 3 | type) >>> 0 )`.
   *
   * Generated code should compute the tag ahead of time and call `uint32()`.
   */
  tag(fieldNo, type) {
    return this.uint32((fieldNo << 3 | type) >>> 0);
  }
  /**
   * Write a chunk of raw bytes.
   */
  raw(chunk) {
    this.ensureCapacity(chunk.length);
    this.buffer.set(chunk, this.pos);
    this.pos += chunk.length;
    return this;
  }
  /**
   * Write a `uint32` value, an unsigned 32 bit varint.
   */
  uint32(value) {
    assertUInt32(value);
    this.ensureCapacity(5);
    if (value < 128) {
      this.buffer[this.pos++] = value;
      return this;
    }
    while (value > 127) {
      this.buffer[this.pos++] = value & 127 | 128;
      value >>>= 7;
    }
    this.buffer[this.pos++] = value;
    return this;
  }
  /**
   * Write a `int32` value, a signed 32 bit varint.
   */
  int32(value) {
    assertInt32(value);
    if (value >= 0) {
      return this.uint32(value);
    }
    this.ensureCapacity(10);
    for (let i = 0; i < 9; i++) {
      this.buffer[this.pos++] = value & 127 | 128;
      value >>= 7;
    }
    this.buffer[this.pos++] = 1;
    return this;
  }
  /**
   * Write a `bool` value, a varint.
   */
  bool(value) {
    this.ensureCapacity(1);
    this.buffer[this.pos++] = value ? 1 : 0;
    return this;
  }
  /**
   * Write a `bytes` value, length-delimited arbitrary data.
   */
  bytes(value) {
    this.uint32(value.byteLength);
    return this.raw(value);
  }
  /**
   * Write a `string` value, length-delimited data converted to UTF-8 text.
   */
  string(value) {
    if (typeof value !== "string") {
      value = String(value);
    }
    const len = value.length;
    if (len <= ASCII_MAX_LENGTH) {
      this.ensureCapacity(len + 1);
      const ascii = this.buffer;
      let pos = this.pos;
      ascii[pos++] = len;
      let i = 0;
      for (; i < len; i++) {
        const code2 = value.charCodeAt(i);
        if (code2 > 127)
          break;
        ascii[pos++] = code2;
      }
      if (i == len) {
        this.pos = pos;
        return this;
      }
    }
    this.ensureCapacity(len * 3 + 5);
    const lenPrefixSizeGuess = varint32Size(len);
    const buf = this.buffer;
    const start2 = this.pos;
    const { written } = this.encodeUtf8Into(value, buf.subarray(start2 + lenPrefixSizeGuess));
    const lenPrefixSize = varint32Size(written);
    if (lenPrefixSize != lenPrefixSizeGuess) {
      buf.copyWithin(start2 + lenPrefixSize, start2 + lenPrefixSizeGuess, start2 + lenPrefixSizeGuess + written);
    }
    this.uint32(written);
    this.pos += written;
    return this;
  }
  /**
   * Write a `float` value, 32-bit floating point number.
   */
  float(value) {
    assertFloat32(value);
    this.ensureCapacity(4);
    this.view().setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }
  /**
   * Write a `double` value, a 64-bit floating point number.
   */
  double(value) {
    this.ensureCapacity(8);
    this.view().setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }
  /**
   * Write a `fixed32` value, an unsigned, fixed-length 32-bit integer.
   */
  fixed32(value) {
    assertUInt32(value);
    this.ensureCapacity(4);
    this.view().setUint32(this.pos, value, true);
    this.pos += 4;
    return this;
  }
  /**
   * Write a `sfixed32` value, a signed, fixed-length 32-bit integer.
   */
  sfixed32(value) {
    assertInt32(value);
    this.ensureCapacity(4);
    this.view().setInt32(this.pos, value, true);
    this.pos += 4;
    return this;
  }
  /**
   * Write a `sint32` value, a signed, zigzag-encoded 32-bit varint.
   */
  sint32(value) {
    assertInt32(value);
    return this.uint32((value << 1 ^ value >> 31) >>> 0);
  }
  /**
   * Write a `sfixed64` value, a signed, fixed-length 64-bit integer.
   */
  sfixed64(value) {
    const tc = protoInt64.enc(value);
    this.ensureCapacity(8);
    const view = this.view();
    view.setInt32(this.pos, tc.lo, true);
    view.setInt32(this.pos + 4, tc.hi, true);
    this.pos += 8;
    return this;
  }
  /**
   * Write a `fixed64` value, an unsigned, fixed-length 64 bit integer.
   */
  fixed64(value) {
    const tc = protoInt64.uEnc(value);
    this.ensureCapacity(8);
    const view = this.view();
    view.setInt32(this.pos, tc.lo, true);
    view.setInt32(this.pos + 4, tc.hi, true);
    this.pos += 8;
    return this;
  }
  /**
   * Write a `int64` value, a signed 64-bit varint.
   */
  int64(value) {
    const tc = protoInt64.enc(value);
    return this.writeVarint64(tc.lo, tc.hi);
  }
  /**
   * Write a `sint64` value, a signed, zig-zag-encoded 64-bit varint.
   */
  sint64(value) {
    const tc = protoInt64.enc(value), sign = tc.hi >> 31, lo = tc.lo << 1 ^ sign, hi = (tc.hi << 1 | tc.lo >>> 31) ^ sign;
    return this.writeVarint64(lo, hi);
  }
  /**
   * Write a `uint64` value, an unsigned 64-bit varint.
   */
  uint64(value) {
    const tc = protoInt64.uEnc(value);
    return this.writeVarint64(tc.lo, tc.hi);
  }
  /**
   * Write a 64-bit varint directly into the buffer. Accepts the value as
   * split low/high 32-bit words.
   *
   * Ported from varint64write() to avoid the intermediate number[] buffer.
   * See https://github.com/protocolbuffers/protobuf/blob/8a71927d74a4ce34efe2d8769fda198f52d20d12/js/experimental/runtime/kernel/writer.js#L344
   */
  writeVarint64(lo, hi) {
    this.ensureCapacity(10);
    const buf = this.buffer;
    let pos = this.pos;
    for (let i = 0; i < 28; i = i + 7) {
      const shift = lo >>> i;
      const hasNext = !(shift >>> 7 == 0 && hi == 0);
      buf[pos++] = (hasNext ? shift | 128 : shift) & 255;
      if (!hasNext) {
        this.pos = pos;
        return this;
      }
    }
    const splitBits = lo >>> 28 & 15 | (hi & 7) << 4;
    const hasMoreBits = !(hi >> 3 == 0);
    buf[pos++] = (hasMoreBits ? splitBits | 128 : splitBits) & 255;
    if (!hasMoreBits) {
      this.pos = pos;
      return this;
    }
    for (let i = 3; i < 31; i = i + 7) {
      const shift = hi >>> i;
      const hasNext = !(shift >>> 7 == 0);
      buf[pos++] = (hasNext ? shift | 128 : shift) & 255;
      if (!hasNext) {
        this.pos = pos;
        return this;
      }
    }
    buf[pos++] = hi >>> 31 & 1;
    this.pos = pos;
    return this;
  }
};
var INITIAL_SIZE = 128;
var DEFAULT_LEN_PREFIX_SIZE = 1;
var EMPTY_BUFFER = new Uint8Array(0);
var EMPTY_VIEW = new DataView(EMPTY_BUFFER.buffer);
var ASCII_MAX_LENGTH = 32;
function varint32Size(value) {
  if (value < 128)
    return 1;
  if (value < 16384)
    return 2;
  if (value < 2097152)
    return 3;
  if (value < 268435456)
    return 4;
  return 5;
}
var BinaryReader = class {
  constructor(buf, decodeUtf8 = getTextEncoding().decodeUtf8) {
    this.decodeUtf8 = decodeUtf8;
    this.varint64Lo = 0;
    this.varint64Hi = 0;
    this.varint64 = varint64read;
    this.uint32 = varint32read;
    this.buf = buf;
    this.len = buf.length;
    this.pos = 0;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  /**
   * Reads a tag - field number and wire type. Tags are uint32 varints; values
   * that do not fit in uint32 are rejected.
   */
  tag() {
    const start2 = this.pos;
    const tag = this.uint32();
    const bytesRead = this.pos - start2;
    if (bytesRead > 5 || bytesRead == 5 && this.buf[this.pos - 1] > 15) {
      throw new Error("illegal tag: varint overflows uint32");
    }
    const fieldNo = tag >>> 3;
    const wireType = tag & 7;
    if (fieldNo <= 0 || wireType > 5) {
      throw new Error("illegal tag: field no " + fieldNo + " wire type " + wireType);
    }
    return [fieldNo, wireType];
  }
  /**
   * Skip one element and return the skipped data.
   *
   * When skipping StartGroup, provide the tags field number to check for
   * matching field number in the EndGroup tag. Recursion into nested groups
   * is guarded by the `recursionLimit` argument: When the limit is reached,
   * this method throws.
   */
  skip(wireType, fieldNo, recursionLimit = 100) {
    let start2 = this.pos;
    switch (wireType) {
      case WireType.Varint:
        while (this.buf[this.pos++] & 128) {
        }
        break;
      // @ts-ignore TS7029: Fallthrough case in switch -- ignore instead of expect-error for compiler settings without noFallthroughCasesInSwitch: true
      case WireType.Bit64:
        this.pos += 4;
      case WireType.Bit32:
        this.pos += 4;
        break;
      case WireType.LengthDelimited:
        let len = this.uint32();
        this.pos += len;
        break;
      case WireType.StartGroup:
        if (recursionLimit <= 0) {
          throw new Error("maximum recursion depth reached");
        }
        for (; ; ) {
          const [fn, wt] = this.tag();
          if (wt === WireType.EndGroup) {
            if (fieldNo !== void 0 && fn !== fieldNo) {
              throw new Error("invalid end group tag");
            }
            break;
          }
          this.skip(wt, fn, recursionLimit - 1);
        }
        break;
      default:
        throw new Error("cant skip wire type " + wireType);
    }
    this.assertBounds();
    return this.buf.subarray(start2, this.pos);
  }
  /**
   * Throws error if position in byte array is out of range.
   */
  assertBounds() {
    if (this.pos > this.len)
      throw new RangeError("premature EOF");
  }
  /**
   * Read a `int32` field, a signed 32 bit varint.
   */
  int32() {
    return this.uint32() | 0;
  }
  /**
   * Read a `sint32` field, a signed, zigzag-encoded 32-bit varint.
   */
  sint32() {
    let zze = this.uint32();
    return zze >>> 1 ^ -(zze & 1);
  }
  /**
   * Read a `int64` field, a signed 64-bit varint.
   */
  int64() {
    this.varint64();
    return protoInt64.dec(this.varint64Lo, this.varint64Hi);
  }
  /**
   * Read a `uint64` field, an unsigned 64-bit varint.
   */
  uint64() {
    this.varint64();
    return protoInt64.uDec(this.varint64Lo, this.varint64Hi);
  }
  /**
   * Read a `sint64` field, a signed, zig-zag-encoded 64-bit varint.
   */
  sint64() {
    this.varint64();
    let lo = this.varint64Lo;
    let hi = this.varint64Hi;
    let s = -(lo & 1);
    lo = (lo >>> 1 | (hi & 1) << 31) ^ s;
    hi = hi >>> 1 ^ s;
    return protoInt64.dec(lo, hi);
  }
  /**
   * Read a `bool` field, a variant.
   */
  bool() {
    const b = this.buf[this.pos];
    if (b < 128) {
      this.pos++;
      return b !== 0;
    }
    this.varint64();
    return this.varint64Lo !== 0 || this.varint64Hi !== 0;
  }
  /**
   * Read a `fixed32` field, an unsigned, fixed-length 32-bit integer.
   */
  fixed32() {
    return this.view.getUint32((this.pos += 4) - 4, true);
  }
  /**
   * Read a `sfixed32` field, a signed, fixed-length 32-bit integer.
   */
  sfixed32() {
    return this.view.getInt32((this.pos += 4) - 4, true);
  }
  /**
   * Read a `fixed64` field, an unsigned, fixed-length 64 bit integer.
   */
  fixed64() {
    return protoInt64.uDec(this.sfixed32(), this.sfixed32());
  }
  /**
   * Read a `fixed64` field, a signed, fixed-length 64-bit integer.
   */
  sfixed64() {
    return protoInt64.dec(this.sfixed32(), this.sfixed32());
  }
  /**
   * Read a `float` field, 32-bit floating point number.
   */
  float() {
    return this.view.getFloat32((this.pos += 4) - 4, true);
  }
  /**
   * Read a `double` field, a 64-bit floating point number.
   */
  double() {
    return this.view.getFloat64((this.pos += 8) - 8, true);
  }
  /**
   * Read a `bytes` field, length-delimited arbitrary data.
   */
  bytes() {
    let len = this.uint32(), start2 = this.pos;
    this.pos += len;
    this.assertBounds();
    return this.buf.subarray(start2, start2 + len);
  }
  /**
   * Read a `string` field, length-delimited data converted to UTF-8 text. If
   * `strict` is true, throw on invalid UTF-8 instead of substituting U+FFFD.
   */
  string(strict) {
    const len = this.uint32();
    const start2 = this.pos;
    this.pos += len;
    this.assertBounds();
    const buf = this.buf;
    if (len <= ASCII_MAX_LENGTH) {
      const codes = new Array(len);
      for (let i = 0; i < len; i++) {
        const byte = buf[start2 + i];
        if (byte > 127) {
          return this.decodeUtf8(buf.subarray(start2, this.pos), strict);
        }
        codes[i] = byte;
      }
      return String.fromCharCode.apply(String, codes);
    }
    return this.decodeUtf8(buf.subarray(start2, this.pos), strict);
  }
};
function assertInt32(arg) {
  if (typeof arg == "string") {
    arg = Number(arg);
  } else if (typeof arg != "number") {
    throw new Error("invalid int32: " + typeof arg);
  }
  if (!Number.isInteger(arg) || arg > INT32_MAX || arg < INT32_MIN)
    throw new Error("invalid int32: " + arg);
}
function assertUInt32(arg) {
  if (typeof arg == "string") {
    arg = Number(arg);
  } else if (typeof arg != "number") {
    throw new Error("invalid uint32: " + typeof arg);
  }
  if (!Number.isInteger(arg) || arg > UINT32_MAX || arg < 0)
    throw new Error("invalid uint32: " + arg);
}
function assertFloat32(arg) {
  if (typeof arg == "string") {
    const o = arg;
    arg = Number(arg);
    if (Number.isNaN(arg) && o !== "NaN") {
      throw new Error("invalid float32: " + o);
    }
  } else if (typeof arg != "number") {
    throw new Error("invalid float32: " + typeof arg);
  }
  if (!Number.isFinite(Math.fround(arg)) && Number.isFinite(arg)) {
    throw new Error("invalid float32: " + arg);
  }
}

// frontend/proto/write.ts
function entriesOf(map2) {
  return map2 instanceof Map ? [...map2.entries()] : Object.entries(map2);
}
var utf8 = new TextEncoder();
function compareUtf8(a, b) {
  return Buffer.compare(utf8.encode(a), utf8.encode(b));
}
function encodeMessage(encode, value) {
  const w = new BinaryWriter();
  encode(w, value);
  return w.finish();
}
function string(w, field2, value) {
  if (value) w.tag(field2, WireType.LengthDelimited).string(value);
}
function bytes(w, field2, value) {
  if (value && value.length > 0) w.tag(field2, WireType.LengthDelimited).bytes(value);
}
function embedded(w, field2, marshaled) {
  w.tag(field2, WireType.LengthDelimited).bytes(marshaled);
}
function bool(w, field2, value) {
  if (value) w.tag(field2, WireType.Varint).bool(true);
}
function int32(w, field2, value) {
  if (value) w.tag(field2, WireType.Varint).int32(value);
}
function uint32(w, field2, value) {
  if (value) w.tag(field2, WireType.Varint).uint32(value);
}
function int64(w, field2, value) {
  if (value !== void 0 && value !== 0 && value !== 0n) w.tag(field2, WireType.Varint).int64(value);
}
function presentUint32(w, field2, value) {
  w.tag(field2, WireType.Varint).uint32(value);
}
function message(w, field2, value, encode) {
  if (value === void 0) return;
  w.tag(field2, WireType.LengthDelimited).fork();
  encode(w, value);
  w.join();
}
function strings(w, field2, values) {
  for (const v of values ?? []) w.tag(field2, WireType.LengthDelimited).string(v);
}
function bytesList(w, field2, values) {
  for (const v of values) w.tag(field2, WireType.LengthDelimited).bytes(v);
}
function messages(w, field2, values, encode) {
  for (const v of values ?? []) message(w, field2, v, encode);
}
function packedInt32(w, field2, values) {
  if (!values || values.length === 0) return;
  w.tag(field2, WireType.LengthDelimited).fork();
  for (const v of values) w.int32(v);
  w.join();
}
function map(w, field2, entries, writeValue) {
  if (!entries) return;
  const sorted = entriesOf(entries).sort(([a], [b]) => compareUtf8(a, b));
  for (const [key, value] of sorted) {
    w.tag(field2, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string(key);
    writeValue(w, 2, value);
    w.join();
  }
}
var mapValue = {
  string: (w, field2, v) => {
    w.tag(field2, WireType.LengthDelimited).string(v);
  },
  bytes: (w, field2, v) => {
    w.tag(field2, WireType.LengthDelimited).bytes(v);
  },
  bool: (w, field2, v) => {
    w.tag(field2, WireType.Varint).bool(v);
  },
  message: (encode) => (w, field2, v) => {
    w.tag(field2, WireType.LengthDelimited).fork();
    encode(w, v);
    w.join();
  }
};

// frontend/proto/read.ts
var MalformedMessageError = class extends Error {
  name = "MalformedMessageError";
};
function decodeFields(name, buf, readers) {
  const r = new BinaryReader(buf);
  try {
    while (r.pos < r.len) {
      const [no, wireType] = r.tag();
      const reader = readers[no];
      if (reader && reader[0] === wireType) reader[1](r);
      else r.skip(wireType, no);
    }
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(`malformed ${name} message: ${err.message}`, { cause: err });
  }
}
function decodeMapEntry(name, buf, valueType, readValue2, zero) {
  let key = "";
  let value = zero;
  decodeFields(name, buf, {
    1: [WireType.LengthDelimited, (r) => key = r.string()],
    2: [valueType, (r) => value = readValue2(r)]
  });
  return [key, value];
}
var readString = (r) => r.string();
var readBytes = (r) => r.bytes();
var readBool = (r) => r.bool();
var readInt64Number = (r) => Number(r.int64());

// frontend/gateway/proto/files.ts
function encodeReadFileRequest(req) {
  const w = new BinaryWriter();
  string(w, 1, req.ref);
  string(w, 2, req.path);
  message(w, 3, req.range, (m, range) => {
    int64(m, 1, range.offset);
    int64(m, 2, range.length);
  });
  return w.finish();
}
function decodeReadFileResponse(buf) {
  let data = new Uint8Array(0);
  decodeFields("ReadFileResponse", buf, {
    1: [WireType.LengthDelimited, (r) => data = r.bytes()]
  });
  return data;
}
function encodeReadDirRequest(req) {
  const w = new BinaryWriter();
  string(w, 1, req.ref);
  string(w, 2, req.path);
  string(w, 3, req.includePattern);
  return w.finish();
}
function encodeStatFileRequest(req) {
  const w = new BinaryWriter();
  string(w, 1, req.ref);
  string(w, 2, req.path);
  return w.finish();
}
function decodeStat(buf) {
  const stat = { path: "", mode: 0, uid: 0, gid: 0, size: 0, modTime: 0n, linkname: "" };
  decodeFields("Stat", buf, {
    1: [WireType.LengthDelimited, (r) => stat.path = r.string()],
    2: [WireType.Varint, (r) => stat.mode = r.uint32()],
    3: [WireType.Varint, (r) => stat.uid = r.uint32()],
    4: [WireType.Varint, (r) => stat.gid = r.uint32()],
    5: [WireType.Varint, (r) => stat.size = readInt64Number(r)],
    6: [WireType.Varint, (r) => stat.modTime = BigInt(r.int64())],
    7: [WireType.LengthDelimited, (r) => stat.linkname = r.string()]
  });
  return stat;
}
function decodeReadDirResponse(buf) {
  const entries = [];
  decodeFields("ReadDirResponse", buf, {
    1: [WireType.LengthDelimited, (r) => entries.push(decodeStat(r.bytes()))]
  });
  return entries;
}
function decodeStatFileResponse(buf) {
  let stat;
  decodeFields("StatFileResponse", buf, {
    1: [WireType.LengthDelimited, (r) => stat = decodeStat(r.bytes())]
  });
  if (!stat) throw new Error("malformed StatFileResponse message: no stat");
  return stat;
}

// frontend/gateway/proto/platform.ts
function writePlatform(w, p) {
  string(w, 1, p.architecture);
  string(w, 2, p.os);
  string(w, 3, p.variant);
  string(w, 4, p.osVersion);
  for (const feature of p.osFeatures ?? []) w.tag(5, WireType.LengthDelimited).string(feature);
}
function decodePlatform(buf) {
  const p = { os: "", architecture: "" };
  const features = [];
  decodeFields("Platform", buf, {
    1: [WireType.LengthDelimited, (r) => p.architecture = r.string()],
    2: [WireType.LengthDelimited, (r) => p.os = r.string()],
    3: [WireType.LengthDelimited, (r) => p.variant = r.string()],
    4: [WireType.LengthDelimited, (r) => p.osVersion = r.string()],
    5: [WireType.LengthDelimited, (r) => features.push(r.string())]
  });
  if (features.length > 0) p.osFeatures = features;
  return p;
}

// frontend/gateway/proto/image.ts
function encodeResolveImageConfigRequest(req) {
  const w = new BinaryWriter();
  string(w, 1, req.ref);
  message(w, 2, req.platform, writePlatform);
  string(w, 3, req.resolveMode);
  string(w, 4, req.logName);
  return w.finish();
}
function decodeResolveImageConfigResponse(buf) {
  const res = { digest: "", config: new Uint8Array(0), ref: "" };
  decodeFields("ResolveImageConfigResponse", buf, {
    1: [WireType.LengthDelimited, (r) => res.digest = r.string()],
    2: [WireType.LengthDelimited, (r) => res.config = r.bytes()],
    3: [WireType.LengthDelimited, (r) => res.ref = r.string()]
  });
  return res;
}

// frontend/gateway/proto/inputs.ts
function decodeInputsResponse(buf) {
  const definitions = /* @__PURE__ */ new Map();
  decodeFields("InputsResponse", buf, {
    1: [
      WireType.LengthDelimited,
      (r) => definitions.set(
        ...decodeMapEntry(
          "InputsResponse.Definitions",
          r.bytes(),
          WireType.LengthDelimited,
          readBytes,
          new Uint8Array(0)
        )
      )
    ]
  });
  return definitions;
}

// frontend/gateway/proto/pong.ts
function decodeApiCap(buf) {
  const cap = {
    id: "",
    enabled: false,
    deprecated: false,
    disabledReason: "",
    disabledReasonMsg: "",
    disabledAlternative: ""
  };
  decodeFields("APICap", buf, {
    1: [WireType.LengthDelimited, (r) => cap.id = r.string()],
    2: [WireType.Varint, (r) => cap.enabled = r.bool()],
    3: [WireType.Varint, (r) => cap.deprecated = r.bool()],
    4: [WireType.LengthDelimited, (r) => cap.disabledReason = r.string()],
    5: [WireType.LengthDelimited, (r) => cap.disabledReasonMsg = r.string()],
    6: [WireType.LengthDelimited, (r) => cap.disabledAlternative = r.string()]
  });
  return cap;
}
function decodeBuildkitVersion(buf) {
  const v = { package: "", version: "", revision: "" };
  decodeFields("BuildkitVersion", buf, {
    1: [WireType.LengthDelimited, (r) => v.package = r.string()],
    2: [WireType.LengthDelimited, (r) => v.version = r.string()],
    3: [WireType.LengthDelimited, (r) => v.revision = r.string()]
  });
  return v;
}
function decodeWorkerRecord(buf) {
  const worker = { id: "", labels: /* @__PURE__ */ new Map(), platforms: [] };
  decodeFields("WorkerRecord", buf, {
    1: [WireType.LengthDelimited, (r) => worker.id = r.string()],
    2: [
      WireType.LengthDelimited,
      (r) => worker.labels.set(
        ...decodeMapEntry("WorkerRecord.Labels", r.bytes(), WireType.LengthDelimited, readString, "")
      )
    ],
    3: [WireType.LengthDelimited, (r) => worker.platforms.push(decodePlatform(r.bytes()))],
    5: [WireType.LengthDelimited, (r) => worker.buildkitVersion = decodeBuildkitVersion(r.bytes())]
  });
  return worker;
}
function decodePongResponse(buf) {
  const pong = { frontendApiCaps: [], llbCaps: [], workers: [] };
  decodeFields("PongResponse", buf, {
    1: [WireType.LengthDelimited, (r) => pong.frontendApiCaps.push(decodeApiCap(r.bytes()))],
    2: [WireType.LengthDelimited, (r) => pong.llbCaps.push(decodeApiCap(r.bytes()))],
    3: [WireType.LengthDelimited, (r) => pong.workers.push(decodeWorkerRecord(r.bytes()))]
  });
  return pong;
}

// frontend/gateway/proto/result.ts
function writeRef(w, ref) {
  string(w, 1, ref.id);
  if (ref.def) embedded(w, 2, ref.def);
}
function writeResult(w, result) {
  if (result.ref && result.refs) throw new Error("a result has either one ref or a map of refs, not both");
  const { ref, refs } = result;
  if (ref) message(w, 3, ref, writeRef);
  if (refs) {
    message(w, 4, refs, (m, map2) => map(m, 1, map2, mapValue.message(writeRef)));
  }
  if (result.metadata) map(w, 10, result.metadata, mapValue.bytes);
  if (result.attestations) {
    map(
      w,
      12,
      result.attestations,
      mapValue.message(
        (m, list) => messages(m, 1, list, writeAttestation)
      )
    );
  }
}
function writeAttestation(w, a) {
  message(w, 3, a.ref, writeRef);
  string(w, 4, a.path);
  string(w, 5, a.predicateType);
}
function decodeRef(buf) {
  const ref = { id: "" };
  decodeFields("Ref", buf, {
    1: [WireType.LengthDelimited, (r) => ref.id = r.string()],
    2: [WireType.LengthDelimited, (r) => ref.def = r.bytes()]
  });
  return ref;
}
function decodeRefMap(buf) {
  const refs = /* @__PURE__ */ new Map();
  decodeFields("RefMap", buf, {
    1: [
      WireType.LengthDelimited,
      (r) => refs.set(
        ...decodeMapEntry("RefMap.refs", r.bytes(), WireType.LengthDelimited, (v) => decodeRef(v.bytes()), {
          id: ""
        })
      )
    ]
  });
  return refs;
}
function decodeResult(buf) {
  const result = { metadata: /* @__PURE__ */ new Map() };
  decodeFields("Result", buf, {
    3: [WireType.LengthDelimited, (r) => result.ref = decodeRef(r.bytes())],
    4: [WireType.LengthDelimited, (r) => result.refs = decodeRefMap(r.bytes())],
    10: [
      WireType.LengthDelimited,
      (r) => result.metadata.set(
        ...decodeMapEntry(
          "Result.metadata",
          r.bytes(),
          WireType.LengthDelimited,
          readBytes,
          new Uint8Array(0)
        )
      )
    ]
  });
  return result;
}

// frontend/gateway/proto/rpc-status.ts
function writeAny(w, any) {
  string(w, 1, any.typeUrl);
  bytes(w, 2, any.value);
}
function writeRpcStatus(w, s) {
  int32(w, 1, s.code);
  string(w, 2, s.message);
  messages(w, 3, s.details, writeAny);
}
function decodeAny(buf) {
  const any = { typeUrl: "", value: new Uint8Array(0) };
  decodeFields("google.protobuf.Any", buf, {
    1: [WireType.LengthDelimited, (r) => any.typeUrl = r.string()],
    2: [WireType.LengthDelimited, (r) => any.value = r.bytes()]
  });
  return any;
}
function decodeRpcStatus(buf) {
  let code2 = 0;
  let message2 = "";
  const details = [];
  decodeFields("google.rpc.Status", buf, {
    1: [WireType.Varint, (r) => code2 = r.int32()],
    2: [WireType.LengthDelimited, (r) => message2 = r.string()],
    3: [WireType.LengthDelimited, (r) => details.push(decodeAny(r.bytes()))]
  });
  return { code: code2, message: message2, details };
}

// frontend/gateway/proto/return.ts
function encodeReturnRequest(req) {
  const w = new BinaryWriter();
  if ("result" in req) message(w, 1, req.result, writeResult);
  else message(w, 2, req.error, writeRpcStatus);
  return w.finish();
}

// frontend/gateway/proto/solve.ts
function encodeSolveRequest(req) {
  const w = new BinaryWriter();
  if (req.definition) embedded(w, 1, req.definition);
  string(w, 2, req.frontend);
  if (req.frontendOpt) map(w, 3, req.frontendOpt, mapValue.string);
  bool(w, 5, req.allowResultReturn);
  bool(w, 6, req.allowResultArrayRef);
  messages(w, 12, req.cacheImports, (e, entry) => {
    string(e, 1, entry.type);
    map(e, 2, entry.attrs, mapValue.string);
  });
  bool(w, 14, req.evaluate);
  return w.finish();
}
function decodeSolveResponse(buf) {
  let result = { metadata: /* @__PURE__ */ new Map() };
  decodeFields("SolveResponse", buf, {
    3: [WireType.LengthDelimited, (r) => result = decodeResult(r.bytes())]
  });
  return result;
}

// frontend/gateway/proto/warn.ts
function writePosition(w, p) {
  int32(w, 1, p.line);
  int32(w, 2, p.character);
}
function writeRange(w, range) {
  message(w, 1, range.start, writePosition);
  message(w, 2, range.end, writePosition);
}
function writeSourceInfo(w, info) {
  string(w, 1, info.filename);
  bytes(w, 2, info.data);
  string(w, 4, info.language);
}
var utf82 = new TextEncoder();
function encodeWarnRequest(req) {
  const w = new BinaryWriter();
  string(w, 1, req.digest);
  int64(w, 2, req.level);
  bytes(w, 3, utf82.encode(req.short));
  bytesList(
    w,
    4,
    (req.detail ?? []).map((line) => utf82.encode(line))
  );
  string(w, 5, req.url);
  message(w, 6, req.info, writeSourceInfo);
  messages(w, 7, req.ranges, writeRange);
  return w.finish();
}

// frontend/gateway/client.ts
var EMPTY = new Uint8Array(0);
var LLBBridgeClient = class _LLBBridgeClient {
  #channel;
  #pong;
  #caps;
  #llbCaps;
  constructor(channel, pong) {
    this.#channel = channel;
    this.#pong = pong;
    this.#caps = new Caps(pong.frontendApiCaps);
    this.#llbCaps = new Caps(pong.llbCaps);
  }
  /** Pings first: every later call is gated on the caps it returns. */
  static async connect(channel) {
    return new _LLBBridgeClient(channel, decodePongResponse(await channel.unary("Ping", EMPTY)));
  }
  get pong() {
    return this.#pong;
  }
  /** Frontend API caps (what this client may call). */
  get caps() {
    return this.#caps;
  }
  /** LLB caps (what a Definition may use): for the LLB layer. */
  get llbCaps() {
    return this.#llbCaps;
  }
  async ping() {
    const pong = decodePongResponse(await this.#channel.unary("Ping", EMPTY));
    this.#pong = pong;
    this.#caps = new Caps(pong.frontendApiCaps);
    this.#llbCaps = new Caps(pong.llbCaps);
    return pong;
  }
  async solve(opts) {
    this.#caps.require(GatewayCap.solveBase, "solve");
    this.#caps.require(GatewayCap.protoRefArray, "solve");
    if (opts.cacheImports?.length) this.#caps.require(GatewayCap.importCaches, "import build caches");
    if (opts.evaluate) this.#caps.require(GatewayCap.solveEvaluate, "evaluate a solve");
    const request = encodeSolveRequest({ ...opts, allowResultReturn: true, allowResultArrayRef: true });
    return decodeSolveResponse(await this.#channel.unary("Solve", request));
  }
  async readFile(req) {
    this.#caps.require(GatewayCap.readFile, "read files from a build result");
    return decodeReadFileResponse(await this.#channel.unary("ReadFile", encodeReadFileRequest(req)));
  }
  async readDir(req) {
    this.#caps.require(GatewayCap.readDir, "list directories of a build result");
    return decodeReadDirResponse(await this.#channel.unary("ReadDir", encodeReadDirRequest(req)));
  }
  async statFile(req) {
    this.#caps.require(GatewayCap.statFile, "stat files of a build result");
    return decodeStatFileResponse(await this.#channel.unary("StatFile", encodeStatFileRequest(req)));
  }
  async resolveImageConfig(req) {
    this.#caps.require(GatewayCap.resolveImage, "resolve image configs");
    if (req.resolveMode)
      this.#caps.require(GatewayCap.resolveImageResolveMode, "choose an image resolve mode");
    const response = await this.#channel.unary("ResolveImageConfig", encodeResolveImageConfigRequest(req));
    return decodeResolveImageConfigResponse(response);
  }
  async inputs() {
    this.#caps.require(GatewayCap.frontendInputs, "read frontend inputs");
    return decodeInputsResponse(await this.#channel.unary("Inputs", EMPTY));
  }
  async warn(req) {
    this.#caps.require(GatewayCap.warnings, "report warnings");
    await this.#channel.unary("Warn", encodeWarnRequest(req));
  }
  async return(req) {
    this.#caps.require(GatewayCap.returnResult, "return a result");
    if ("result" in req) {
      const { ref, refs } = req.result;
      if (ref || refs) this.#caps.require(GatewayCap.protoRefArray, "return a result");
      if (refs && entriesOf(refs).length > 1)
        this.#caps.require(GatewayCap.returnMap, "return several results");
    }
    await this.#channel.unary("Return", encodeReturnRequest(req));
  }
};

// frontend/gateway/json-fields.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function field(obj, name) {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name);
  return key === void 0 ? void 0 : obj[key];
}

// frontend/gateway/environment.ts
function text(value) {
  return typeof value === "string" ? value : "";
}
function parsePlatform(value) {
  if (!isObject(value)) return void 0;
  const os = text(field(value, "os"));
  const architecture = text(field(value, "architecture"));
  if (!os || !architecture) return void 0;
  const platform2 = { os, architecture };
  const variant = text(field(value, "variant"));
  if (variant) platform2.variant = variant;
  const osVersion = text(field(value, "os.version"));
  if (osVersion) platform2.osVersion = osVersion;
  const features = field(value, "os.features");
  if (Array.isArray(features) && features.length > 0) platform2.osFeatures = features.map(text);
  return platform2;
}
function parseWorker(value) {
  if (!isObject(value)) throw new Error("BUILDKIT_WORKERS: a worker is not a JSON object");
  const labels = field(value, "labels");
  const platforms = field(value, "platforms");
  return {
    id: text(field(value, "id")),
    labels: new Map(
      isObject(labels) ? Object.entries(labels).filter((e) => typeof e[1] === "string") : []
    ),
    platforms: Array.isArray(platforms) ? platforms.map(parsePlatform).filter((p) => p !== void 0) : []
  };
}
function parseWorkers(json) {
  if (!json) return [];
  let parsed;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new Error(`BUILDKIT_WORKERS is not valid JSON: ${err.message}`, { cause: err });
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) throw new Error("BUILDKIT_WORKERS is not a JSON array");
  return parsed.map(parseWorker);
}
var ociArchitectures = { x64: "amd64", ia32: "386" };
function ownPlatform() {
  const architecture = ociArchitectures[process.arch] ?? process.arch;
  return { os: process.platform === "win32" ? "windows" : process.platform, architecture };
}
function readEnvironment(env) {
  const workers = parseWorkers(env["BUILDKIT_WORKERS"]);
  const sessionId = env["BUILDKIT_SESSION_ID"];
  const exportedProduct = env["BUILDKIT_EXPORTEDPRODUCT"];
  return {
    ...sessionId ? { sessionId } : {},
    workers,
    buildPlatform: workers[0]?.platforms[0] ?? ownPlatform(),
    ...exportedProduct ? { exportedProduct } : {}
  };
}

// frontend/gateway/source-location.ts
function toSourceInfo(file) {
  const data = typeof file.data === "string" ? new TextEncoder().encode(file.data) : file.data;
  return { filename: file.filename, data, language: file.language ?? "toml" };
}
function position(p) {
  const character = p.character ?? 0;
  if (!Number.isInteger(p.line) || p.line < 1 || !Number.isInteger(character) || character < 0) {
    throw new RangeError(`invalid source position ${JSON.stringify(p)}: lines start at 1, characters at 0`);
  }
  return { line: p.line, character };
}
function toSourceRanges(spans) {
  return spans.map((span) => ({ start: position(span.start), end: position(span.end ?? span.start) }));
}

// frontend/gateway/transport/grpc-status.ts
var GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16
};
var codeNames = new Map(Object.entries(GrpcCode).map(([name, code2]) => [code2, name]));
function grpcCodeName(code2) {
  return codeNames.get(code2) ?? `CODE_${code2}`;
}
var GrpcError = class extends Error {
  name = "GrpcError";
  method;
  status;
  constructor(method, status) {
    super(`${method}: ${status.message || grpcCodeName(status.code)}`);
    this.method = method;
    this.status = status;
  }
  get code() {
    return this.status.code;
  }
  get details() {
    return this.status.details;
  }
};
function localError(method, code2, message2) {
  return new GrpcError(method, { code: code2, message: message2, details: [] });
}
function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
var utf83 = new TextEncoder();
function percentDecode(value) {
  const bytes2 = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 37 && i + 2 < value.length) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes2.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    if (c < 256) bytes2.push(c);
    else bytes2.push(...utf83.encode(value[i] ?? ""));
  }
  return new TextDecoder().decode(new Uint8Array(bytes2));
}
function single(value) {
  return Array.isArray(value) ? value[0] : value;
}
function statusFromMetadata(meta2) {
  const rawCode = single(meta2["grpc-status"]);
  if (rawCode === void 0) return void 0;
  const parsed = Number.parseInt(rawCode, 10);
  const code2 = Number.isInteger(parsed) && parsed >= 0 ? parsed : GrpcCode.UNKNOWN;
  const rawMessage = single(meta2["grpc-message"]);
  const message2 = rawMessage === void 0 ? "" : percentDecode(rawMessage);
  let details = [];
  const rawDetails = single(meta2["grpc-status-details-bin"]);
  if (rawDetails) {
    try {
      details = decodeRpcStatus(new Uint8Array(Buffer.from(rawDetails, "base64"))).details;
    } catch {
      details = [];
    }
  }
  return { code: code2, message: message2, details };
}
function codeForHttpStatus(httpStatus) {
  switch (httpStatus) {
    case 400:
      return GrpcCode.INTERNAL;
    case 401:
      return GrpcCode.UNAUTHENTICATED;
    case 403:
      return GrpcCode.PERMISSION_DENIED;
    case 404:
      return GrpcCode.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return GrpcCode.UNAVAILABLE;
    default:
      return GrpcCode.UNKNOWN;
  }
}

// frontend/gateway/frontend-error.ts
var SOURCE_DETAIL_TYPE_URL = "github.com/moby/buildkit/errdefs.Source+json";
var SUBREQUEST_DETAIL_TYPE_URL = "github.com/moby/buildkit/errdefs.Subrequest+json";
var FrontendError = class extends Error {
  name = "FrontendError";
  status;
  constructor(status) {
    super(status.message);
    this.status = status;
  }
};
function jsonDetail(typeUrl, value) {
  return { typeUrl, value: new TextEncoder().encode(JSON.stringify(value)) };
}
function sourceDetail(file, spans) {
  const info = toSourceInfo(file);
  return jsonDetail(SOURCE_DETAIL_TYPE_URL, {
    // Field names are the json tags of Go's pb.SourceInfo / pb.Range / pb.Position; []byte is base64.
    info: {
      filename: info.filename,
      data: Buffer.from(info.data).toString("base64"),
      language: info.language
    },
    ranges: toSourceRanges(spans)
  });
}
function sourceError(message2, file, spans, code2 = GrpcCode.INVALID_ARGUMENT) {
  return new FrontendError({ code: code2, message: message2, details: [sourceDetail(file, spans)] });
}
function invalidArgument(message2) {
  return new FrontendError({ code: GrpcCode.INVALID_ARGUMENT, message: message2, details: [] });
}
function unsupportedSubrequestError(name) {
  return new FrontendError({
    code: GrpcCode.UNKNOWN,
    message: `unsupported request ${name}`,
    details: [jsonDetail(SUBREQUEST_DETAIL_TYPE_URL, { name })]
  });
}
function withSourceLocation(err, file, spans) {
  if (!(err instanceof GrpcError) || err.status.code === GrpcCode.OK) return err;
  if (err.status.details.some((d) => d.typeUrl.includes("errdefs.Source"))) return err;
  return new FrontendError({ ...err.status, details: [...err.status.details, sourceDetail(file, spans)] });
}
function statusFromError(err) {
  if (err instanceof FrontendError) return err.status;
  if (err instanceof GrpcError && err.status.code !== GrpcCode.OK) return err.status;
  const message2 = err instanceof Error ? err.message : String(err);
  return { code: GrpcCode.UNKNOWN, message: message2 || "frontend failed", details: [] };
}

// frontend/gateway/log.ts
function createLogger(write) {
  const line = (level) => (message2) => write(`${(/* @__PURE__ */ new Date()).toISOString()} wasm-frontend ${level}: ${message2}
`);
  return { info: line("info"), warn: line("warn"), error: line("error") };
}
var log = createLogger((line) => process.stderr.write(line));

// frontend/gateway/options.ts
var OPT_ENV = /^BUILDKIT_FRONTEND_OPT_(\d+)$/;
function frontendOptsFromEnv(env) {
  const indexed = [];
  for (const [name, value] of Object.entries(env)) {
    const match = OPT_ENV.exec(name);
    if (match?.[1] !== void 0 && value !== void 0) indexed.push([Number(match[1]), value]);
  }
  indexed.sort(([a], [b]) => a - b);
  const opts = /* @__PURE__ */ new Map();
  for (const [, entry] of indexed) {
    const eq = entry.indexOf("=");
    if (eq < 0) opts.set(entry, "");
    else opts.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return opts;
}
var DEFAULT_FILENAME = "wasm.toml";
function withPrefix(raw, prefix) {
  const picked = [...raw].filter(([key]) => key.startsWith(prefix) && key.length > prefix.length);
  picked.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return new Map(picked.map(([key, value]) => [key.slice(prefix.length), value]));
}
function commaList(value) {
  return (value ?? "").split(",").map((item2) => item2.trim()).filter((item2) => item2 !== "");
}
function parsePlatform2(spec) {
  const parts = spec.trim().toLowerCase().split("/");
  const [os, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !os || !architecture || variant === "") {
    throw invalidArgument(`invalid platform "${spec}": expected os/architecture[/variant], e.g. wasi/wasm`);
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}
function parseResolveMode(value) {
  switch (value ?? "") {
    case "":
    case "default":
      return "default";
    case "pull":
      return "pull";
    case "local":
      return "local";
    default:
      throw invalidArgument(`invalid image-resolve-mode "${value}": expected default, pull or local`);
  }
}
function parseCacheImports(json, cacheFrom) {
  const entries = [];
  if (json) {
    let parsed;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      throw invalidArgument(`invalid cache-imports: ${err.message}`);
    }
    const bad = (why) => invalidArgument(`invalid cache-imports ${JSON.stringify(json)}: ${why}`);
    if (parsed !== null && !Array.isArray(parsed)) throw bad("expected a JSON array");
    for (const item2 of parsed ?? []) {
      if (!isObject(item2)) throw bad("expected objects with Type and Attrs");
      const type = field(item2, "type");
      const attrs = field(item2, "attrs") ?? {};
      if (typeof type !== "string" || type === "") throw bad("an entry has no Type");
      if (!isObject(attrs) || !Object.values(attrs).every((v) => typeof v === "string")) {
        throw bad("Attrs must map strings to strings");
      }
      entries.push({ type, attrs: new Map(Object.entries(attrs)) });
    }
  }
  for (const ref of commaList(cacheFrom)) entries.push({ type: "registry", attrs: /* @__PURE__ */ new Map([["ref", ref]]) });
  return entries;
}
function parseFrontendOptions(raw) {
  const noCache = raw.get("no-cache");
  const target = raw.get("target");
  const requestId = raw.get("requestid");
  return {
    raw,
    filename: raw.get("filename") || DEFAULT_FILENAME,
    dockerfileKey: raw.get("dockerfilekey") || "dockerfile",
    contextKey: raw.get("contextkey") || "context",
    ...target ? { target } : {},
    platforms: commaList(raw.get("platform")).map(parsePlatform2),
    buildArgs: withPrefix(raw, "build-arg:"),
    labels: withPrefix(raw, "label:"),
    ...noCache === void 0 ? {} : { noCache: noCache === "" ? "all" : commaList(noCache) },
    imageResolveMode: parseResolveMode(raw.get("image-resolve-mode")),
    cacheImports: parseCacheImports(raw.get("cache-imports"), raw.get("cache-from")),
    ...requestId ? { requestId } : {},
    frontendCaps: commaList(raw.get("frontend.caps")),
    namedContexts: withPrefix(raw, "context:"),
    sbom: sbomRequested(raw.get("attest:sbom"))
  };
}
function sbomRequested(value) {
  if (value === void 0) return false;
  const params = new Map(
    commaList(value).map((kv) => {
      const eq = kv.indexOf("=");
      return eq < 0 ? [kv, ""] : [kv.slice(0, eq), kv.slice(eq + 1)];
    })
  );
  return params.get("disabled") !== "true" && !params.has("generator");
}

// frontend/gateway/trace.ts
var TRACE_BUILD_ARG = "WASM_BUILD_FRONTEND_TRACE";
var now = () => performance.timeOrigin + performance.now();
var TracedChannel = class {
  #inner;
  calls = /* @__PURE__ */ new Map();
  firstSolveAt;
  constructor(inner) {
    this.#inner = inner;
  }
  unary(method, request) {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    if (method === "Solve") this.firstSolveAt ??= now();
    return this.#inner.unary(method, request);
  }
  close() {
    return this.#inner.close();
  }
};
function formatTrace(t) {
  const calls = [...t.calls].map(([m, n]) => `${m}:${n}`).join(",");
  const first = t.firstSolve === void 0 ? "" : ` first-solve=${t.firstSolve.toFixed(1)}`;
  return `trace: start=${t.start.toFixed(1)}${first} return=${t.returned.toFixed(1)} max-rss-kib=${t.maxRssKiB} calls=${calls}`;
}
function traceRecord(channel) {
  return {
    start: performance.timeOrigin,
    ...channel.firstSolveAt === void 0 ? {} : { firstSolve: channel.firstSolveAt },
    returned: now(),
    maxRssKiB: process.resourceUsage().maxRSS,
    calls: channel.calls
  };
}

// frontend/gateway/transport/channel.ts
import http2 from "node:http2";

// frontend/gateway/transport/framing.ts
var MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
var HEADER_BYTES = 5;
function mib(bytes2) {
  return `${(bytes2 / (1024 * 1024)).toFixed(1)} MiB`;
}
function tooLargeMessage(method, what, bytes2) {
  return `${what} of ${method} is ${bytes2} bytes (${mib(bytes2)}), over the ${mib(MAX_MESSAGE_BYTES)} message limit of the BuildKit gateway`;
}
function encodeFrame(method, message2) {
  if (message2.length > MAX_MESSAGE_BYTES) {
    throw localError(
      method,
      GrpcCode.RESOURCE_EXHAUSTED,
      tooLargeMessage(method, "the request", message2.length)
    );
  }
  const frame = new Uint8Array(HEADER_BYTES + message2.length);
  new DataView(frame.buffer).setUint32(1, message2.length);
  frame.set(message2, HEADER_BYTES);
  return frame;
}
var FrameDecoder = class {
  #method;
  #header = new Uint8Array(HEADER_BYTES);
  #headerFill = 0;
  #body;
  #bodyFill = 0;
  constructor(method) {
    this.#method = method;
  }
  /** True when no partial message is buffered. */
  get idle() {
    return this.#headerFill === 0 && this.#body === void 0;
  }
  push(chunk) {
    const messages2 = [];
    let offset = 0;
    while (offset < chunk.length) {
      let body = this.#body;
      if (!body) {
        const take2 = Math.min(HEADER_BYTES - this.#headerFill, chunk.length - offset);
        this.#header.set(chunk.subarray(offset, offset + take2), this.#headerFill);
        this.#headerFill += take2;
        offset += take2;
        if (this.#headerFill < HEADER_BYTES) break;
        body = this.#startBody();
      }
      const take = Math.min(body.length - this.#bodyFill, chunk.length - offset);
      body.set(chunk.subarray(offset, offset + take), this.#bodyFill);
      this.#bodyFill += take;
      offset += take;
      if (this.#bodyFill === body.length) {
        messages2.push(body);
        this.#body = void 0;
      }
    }
    return messages2;
  }
  #startBody() {
    const view = new DataView(this.#header.buffer);
    const flag = view.getUint8(0);
    const length = view.getUint32(1);
    if (flag !== 0) {
      throw localError(
        this.#method,
        GrpcCode.INTERNAL,
        `unexpected gRPC frame flag ${flag} (compression was not negotiated)`
      );
    }
    if (length > MAX_MESSAGE_BYTES) {
      throw localError(
        this.#method,
        GrpcCode.RESOURCE_EXHAUSTED,
        tooLargeMessage(this.#method, "the response", length)
      );
    }
    this.#headerFill = 0;
    this.#bodyFill = 0;
    this.#body = new Uint8Array(length);
    return this.#body;
  }
};

// frontend/gateway/transport/channel.ts
var SERVICE_PATH = "/moby.buildkit.v1.frontend.LLBBridge/";
function finishCall(call) {
  const { method } = call;
  if (call.failure) throw call.failure;
  const status = (call.trailers && statusFromMetadata(call.trailers)) ?? (call.headers && statusFromMetadata(call.headers));
  if (!status) {
    const reset = call.rstCode ? ` (RST_STREAM code ${call.rstCode})` : "";
    const cause = call.streamError ? `: ${call.streamError.message}` : "";
    if (!call.headers) {
      throw localError(method, GrpcCode.UNAVAILABLE, `no response from the BuildKit daemon${reset}${cause}`);
    }
    const httpStatus = Number(call.headers[":status"]);
    if (httpStatus !== 200) {
      throw localError(
        method,
        codeForHttpStatus(httpStatus),
        `the daemon answered HTTP ${httpStatus}${cause}`
      );
    }
    throw localError(method, GrpcCode.INTERNAL, `the response ended without grpc-status${reset}${cause}`);
  }
  if (status.code !== GrpcCode.OK) throw new GrpcError(method, status);
  if (!call.decoder.idle) throw localError(method, GrpcCode.INTERNAL, "the response ended inside a message");
  const [message2, ...extra] = call.messages;
  if (!message2) throw localError(method, GrpcCode.INTERNAL, "the response has no message");
  if (extra.length > 0) {
    throw localError(method, GrpcCode.INTERNAL, `${call.messages.length} response messages to a unary call`);
  }
  return message2;
}
var Http2Channel = class {
  #session;
  #sessionError;
  /**
   * Opens the one connection of the process. The daemon cancels the build when it ends, so there is
   * never a reconnect: a failure here is final.
   */
  constructor(duplex) {
    this.#session = http2.connect("http://localhost", { createConnection: () => duplex });
    this.#session.on("error", (err) => {
      this.#sessionError ??= err;
    });
  }
  unary(method, request) {
    return new Promise((resolve, reject) => {
      const frame = encodeFrame(method, request);
      const session = this.#session;
      if (session.closed || session.destroyed) {
        const cause = this.#sessionError ? `: ${this.#sessionError.message}` : "";
        throw localError(
          method,
          GrpcCode.UNAVAILABLE,
          `the connection to the BuildKit daemon is closed${cause}`
        );
      }
      let stream;
      try {
        stream = session.request({
          ":method": "POST",
          ":path": SERVICE_PATH + method,
          "content-type": "application/grpc",
          te: "trailers"
        });
      } catch (err) {
        throw localError(method, GrpcCode.UNAVAILABLE, `cannot start a call: ${err.message}`);
      }
      const call = { method, messages: [], decoder: new FrameDecoder(method) };
      stream.on("response", (headers) => call.headers = headers);
      stream.on("trailers", (trailers) => call.trailers = trailers);
      stream.on("data", (chunk) => {
        if (call.failure) return;
        try {
          call.messages.push(...call.decoder.push(chunk));
        } catch (err) {
          call.failure = err;
          stream.close(http2.constants.NGHTTP2_CANCEL);
        }
      });
      stream.on("error", (err) => call.streamError ??= err);
      stream.on("close", () => {
        call.rstCode = stream.rstCode;
        try {
          resolve(finishCall(call));
        } catch (err) {
          reject(err);
        }
      });
      stream.end(frame);
    });
  }
  /** Sends GOAWAY, lets calls in flight finish, then ends the connection. */
  close() {
    const session = this.#session;
    if (session.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      session.once("close", () => resolve());
      if (!session.closed) session.close();
    });
  }
};

// frontend/gateway/transport/stdio.ts
import { Duplex } from "node:stream";
function stdioDuplex() {
  return Duplex.from({ readable: process.stdin, writable: process.stdout });
}

// frontend/gateway/gateway.ts
var refId = (ref) => typeof ref === "string" ? ref : ref.id;
var Gateway = class _Gateway {
  #channel;
  #traced;
  #client;
  #env;
  #options;
  #environment;
  #returned = false;
  constructor(channel, traced, client, env) {
    this.#channel = channel;
    this.#traced = traced;
    this.#client = client;
    this.#env = env;
  }
  /** Opens the connection and pings; closes it again if the ping fails. */
  static async connect(opts = {}) {
    const channel = new Http2Channel(opts.duplex ?? stdioDuplex());
    const traced = new TracedChannel(channel);
    try {
      const client = await LLBBridgeClient.connect(traced);
      return new _Gateway(channel, traced, client, opts.env ?? process.env);
    } catch (err) {
      await channel.close();
      throw err;
    }
  }
  /** Frontend API caps from the last Ping. */
  get caps() {
    return this.#client.caps;
  }
  /** LLB caps from the last Ping, for the LLB layer's OpMetadata.caps. */
  get llbCaps() {
    return this.#client.llbCaps;
  }
  get pong() {
    return this.#client.pong;
  }
  /** Parsed on first use; throws a FrontendError (INVALID_ARGUMENT) for a bad option. */
  options() {
    this.#options ??= parseFrontendOptions(frontendOptsFromEnv(this.#env));
    return this.#options;
  }
  environment() {
    this.#environment ??= readEnvironment(this.#env);
    return this.#environment;
  }
  ping() {
    return this.#client.ping();
  }
  /** Lazy: the daemon builds on the first read of the ref, on evaluate, or at export. */
  solve(opts) {
    return this.#client.solve(opts);
  }
  readFile(ref, path12, range) {
    return this.#client.readFile({ ref: refId(ref), path: path12, ...range ? { range } : {} });
  }
  readDir(ref, path12, includePattern) {
    return this.#client.readDir({ ref: refId(ref), path: path12, ...includePattern ? { includePattern } : {} });
  }
  statFile(ref, path12) {
    return this.#client.statFile({ ref: refId(ref), path: path12 });
  }
  resolveImageConfig(ref, opts = {}) {
    return this.#client.resolveImageConfig({ ref, ...opts });
  }
  inputs() {
    return this.#client.inputs();
  }
  /**
   * Shows a warning in the client's build output. Daemons before v0.10 cannot: then it goes to the
   * daemon's log and false is returned, since a warning must never fail the build.
   */
  async warn(warning) {
    if (!this.#client.caps.has(GatewayCap.warnings)) {
      log.warn(`warning (the daemon cannot display it): ${warning.message}`);
      return false;
    }
    const { source } = warning;
    await this.#client.warn({
      digest: warning.vertex,
      level: warning.level ?? 1,
      short: warning.message,
      ...warning.detail ? { detail: warning.detail } : {},
      ...warning.url ? { url: warning.url } : {},
      ...source ? { info: toSourceInfo(source.file), ranges: toSourceRanges(source.ranges) } : {}
    });
    return true;
  }
  #claimReturn() {
    if (this.#returned) throw new Error("Return was already called: a frontend answers exactly once");
    this.#returned = true;
  }
  async returnResult(result) {
    this.#claimReturn();
    const utf84 = new TextEncoder();
    const metadata = entriesOf(result.metadata ?? {}).map(([key, value]) => [
      key,
      typeof value === "string" ? utf84.encode(value) : value
    ]);
    await this.#client.return({
      result: {
        ...result.ref ? { ref: result.ref } : {},
        ...result.refs ? { refs: result.refs } : {},
        metadata: new Map(metadata),
        ...result.attestations ? { attestations: result.attestations } : {}
      }
    });
  }
  /** Returns any thrown value as the build's error; see statusFromError for how it is mapped. */
  async returnError(err) {
    this.#claimReturn();
    await this.#client.return({ error: statusFromError(err) });
  }
  close() {
    return this.#channel.close();
  }
  /** The `trace:` line (see trace.ts) when the build asked for it with its build arg, else undefined. */
  traceLine() {
    let wanted;
    try {
      wanted = !!this.options().buildArgs.get(TRACE_BUILD_ARG);
    } catch {
      return void 0;
    }
    return wanted ? formatTrace(traceRecord(this.#traced)) : void 0;
  }
};
async function runFrontend(build2, opts = {}) {
  let gateway;
  try {
    gateway = await Gateway.connect(opts);
  } catch (err) {
    log.error(`cannot talk to the BuildKit daemon: ${err.stack ?? String(err)}`);
    return 1;
  }
  let exitCode = 0;
  try {
    let result;
    try {
      result = await build2(gateway);
    } catch (err) {
      log.error(`build failed: ${err.stack ?? String(err)}`);
      await gateway.returnError(err);
    }
    if (result) await gateway.returnResult(result);
    const trace = gateway.traceLine();
    if (trace) log.info(trace);
  } catch (err) {
    log.error(`Return failed: ${err.stack ?? String(err)}`);
    exitCode = 1;
  }
  return exitCode;
}

// src/wasm-toml/errors.ts
var ErrorCollector = class {
  constructor(filename, index) {
    this.filename = filename;
    this.index = index;
  }
  filename;
  index;
  entries = [];
  add(span, message2, extra = {}) {
    const error = { filename: this.filename, ...this.index.range(span), message: message2 };
    if (extra.path) error.path = extra.path;
    if (extra.hint) error.hint = extra.hint;
    this.entries.push({ offset: span[0], error });
  }
  get size() {
    return this.entries.length;
  }
  list() {
    return [...this.entries].sort((a, b) => a.offset - b.offset).map((e) => e.error);
  }
};

// src/wasm-toml/limits.ts
var LIMITS = {
  /** Bytes of UTF-8 in the file. */
  fileBytes: 256 * 1024,
  /** Arrays and inline tables inside one another (a table header counts its brackets too). */
  nestingDepth: 32,
  /** `[[module]]` tables. */
  modules: 256
};
function checkTextLimits(text2) {
  const bytes2 = new TextEncoder().encode(text2).length;
  if (bytes2 > LIMITS.fileBytes) {
    return {
      span: [0, 0],
      message: `the file is ${bytes2} bytes; wasm.toml is limited to ${LIMITS.fileBytes}`,
      hint: "is this the right file?"
    };
  }
  return nestingProblem(text2);
}
function nestingProblem(text2) {
  let depth = 0;
  for (let i = 0; i < text2.length; i++) {
    const c = text2[i];
    if (c === "#") {
      while (i < text2.length && text2[i] !== "\n") i++;
    } else if (c === '"' || c === "'") {
      const triple = text2.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      while (i < text2.length && !text2.startsWith(close, i)) {
        if (c === '"' && text2[i] === "\\") i++;
        else if (!triple && text2[i] === "\n") break;
        i++;
      }
      i += close.length - 1;
    } else if (c === "[" || c === "{") {
      if (++depth > LIMITS.nestingDepth) {
        return {
          span: [i, i + 1],
          message: `values nest more than ${LIMITS.nestingDepth} levels deep`
        };
      }
    } else if (c === "]" || c === "}") {
      depth = Math.max(0, depth - 1);
    }
  }
  return void 0;
}

// src/wasm-toml/locate.ts
var Locations = class {
  spans = /* @__PURE__ */ new Map();
  set(path12, span) {
    this.spans.set(JSON.stringify(path12), span);
  }
  has(path12) {
    return this.spans.has(JSON.stringify(path12));
  }
  /** The span of `path`, or of its longest written prefix: defaults live where their table is. */
  find(path12) {
    for (let n = path12.length; n > 0; n--) {
      const span = this.spans.get(JSON.stringify(path12.slice(0, n)));
      if (span) return span;
    }
    return [0, 0];
  }
  locator(index) {
    return (path12) => index.range(this.find(path12));
  }
};
function withLocator(data, locate) {
  return Object.defineProperty(data, "locate", { value: locate, enumerable: false });
}

// src/wasm-toml/component-languages.ts
var COMPONENT_ONLY_LANGUAGES = ["javascript", "python"];
var BUILTIN_WORLDS = ["wasi:cli/command", "wasi:http/proxy"];
var COMPONENTIZE_PY_VERSION = "0.25.1";
var worldFields = {
  world: {
    kind: "string",
    format: "wit-world",
    default: "wasi:cli/command",
    description: "The WIT world the component implements: `wasi:cli/command` (a command: export `run`) or `wasi:http/proxy` (an HTTP handler: export `incoming-handler`), both built in; or a world of the `wit` directory."
  },
  wit: {
    kind: "string",
    format: "relative-path",
    description: "A WIT directory, relative to `source`, holding `world` and its dependencies under `deps/` (as `wkg wit fetch` leaves them). Needed for any world but the built-in ones."
  }
};
var JAVASCRIPT_TABLE = {
  kind: "table",
  language: "javascript",
  description: "Options for JavaScript and TypeScript (esbuild bundles the entry and its npm dependencies into one ES module, componentize-js makes it a component).",
  fields: {
    entry: {
      kind: "string",
      format: "relative-path",
      default: "src/index.js",
      description: "Entry module, relative to `source`; a `.ts` entry is TypeScript."
    },
    ...worldFields
  }
};
var PYTHON_TABLE = {
  kind: "table",
  language: "python",
  description: "Options for Python (componentize-py; `requirements.txt` is installed into the component).",
  fields: {
    app: {
      kind: "string",
      format: "python-module",
      default: "app",
      description: "The module that implements the world (`app` is `app.py` in `source`), e.g. a `Run` class for `wasi:cli/command`."
    },
    "componentize-py": {
      kind: "string",
      format: "non-empty",
      interpolate: true,
      default: COMPONENTIZE_PY_VERSION,
      description: "The componentize-py release pip installs (from PyPI, or the index `PIP_INDEX_URL` names)."
    },
    ...worldFields
  }
};

// src/primitives/reference.ts
var InvalidReferenceError = class extends Error {
  constructor(reference, reason) {
    super(`invalid image reference "${reference}": ${reason}`);
    this.reference = reference;
  }
  reference;
  name = "InvalidReferenceError";
  code = "INVALID_REFERENCE";
};
var dockerHub = "docker.io";
var dockerHubApiHost = "registry-1.docker.io";
var pathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
var repositoryPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
var tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
var digestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
var hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
function looksLikeRegistry(component) {
  return component.includes(".") || component.includes(":") || component === "localhost" || component.startsWith("[") || component.toLowerCase() !== component;
}
function isValidTag(tag) {
  return tagPattern.test(tag);
}
function parseReference(input2) {
  const s = input2.trim();
  if (!s) throw new InvalidReferenceError(input2, "it is empty");
  let rest = s;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) throw new InvalidReferenceError(input2, `"${digest}" is not a digest`);
    if (digest.startsWith("sha256:") && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      throw new InvalidReferenceError(input2, "a sha256 digest has 64 lower-case hex digits");
    }
  }
  let tag;
  const lastSlash = rest.lastIndexOf("/");
  const lastColon = rest.lastIndexOf(":");
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!isValidTag(tag)) {
      throw new InvalidReferenceError(
        input2,
        `"${tag}" is not a valid tag (letters, digits, _ . -; at most 128)`
      );
    }
  }
  let registry = dockerHub;
  let repository = rest;
  const slash = rest.indexOf("/");
  if (slash >= 0 && looksLikeRegistry(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
    if (!hostPattern.test(registry))
      throw new InvalidReferenceError(input2, `"${registry}" is not a host[:port]`);
  }
  if (registry === "index.docker.io" || registry === dockerHubApiHost) registry = dockerHub;
  if (!repository) throw new InvalidReferenceError(input2, "the repository name is missing");
  if (!repositoryPattern.test(repository)) {
    const hint = /[A-Z]/.test(repository) ? " (repository names must be lower-case)" : "";
    throw new InvalidReferenceError(input2, `"${repository}" is not a valid repository name${hint}`);
  }
  if (registry === dockerHub && !repository.includes("/")) repository = `library/${repository}`;
  if (registry.length + 1 + repository.length > 255) {
    throw new InvalidReferenceError(input2, "the name is longer than 255 characters");
  }
  const ref = { registry, repository };
  if (tag !== void 0) ref.tag = tag;
  if (digest !== void 0) ref.digest = digest;
  return ref;
}
function formatReference(ref) {
  return `${ref.registry}/${ref.repository}` + (ref.tag ? `:${ref.tag}` : "") + (ref.digest ? `@${ref.digest}` : "");
}
function qualifiedReference(input2) {
  const ref = parseReference(input2);
  if (ref.tag === void 0 && ref.digest === void 0) ref.tag = "latest";
  return formatReference(ref);
}
function hasTagOrDigest(input2) {
  const ref = parseReference(input2);
  return ref.tag !== void 0 || ref.digest !== void 0;
}

// src/wasm-toml/formats.ts
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var STEM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var HTTP_PATH = /^\/[^\s#]*$/;
var WIT_WORLD = /^(?:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)*\/)?[a-z][a-z0-9-]*(?:@[0-9A-Za-z.+-]+)?$/;
var PYTHON_MODULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
var CARGO_FEATURE = /^(?:dep:)?[A-Za-z0-9_][A-Za-z0-9_+.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_+.-]*)?$/;
function relativePathProblem(value) {
  if (value === "") return "must not be empty";
  if (value.includes("\\")) return 'must use "/" as the separator';
  if (value.startsWith("/")) return "must be a relative path";
  if (value.split("/").includes("..")) return 'must not contain ".." (it would leave the build context)';
  return void 0;
}
function normalizeRelative(value) {
  const parts = value.split("/").filter((p) => p !== "" && p !== ".");
  return parts.length === 0 ? "." : parts.join("/");
}
var FORMATS = {
  text: {
    label: "string",
    describe: "any string without NUL characters",
    check: () => void 0,
    json: {}
  },
  data: {
    label: "string",
    describe: "any string, NUL characters (`\\u0000`) included",
    check: () => void 0,
    json: {},
    carriesNul: true
  },
  "non-empty": {
    label: "string",
    describe: "a non-empty string",
    check: (v) => v === "" ? "must not be empty" : void 0,
    json: { minLength: 1 }
  },
  "file-stem": {
    label: "file stem",
    describe: 'a file name stem: letters, digits, ".", "_" and "-", starting with a letter or digit',
    check: (v) => {
      if (v === "") return "must not be empty";
      if (v.endsWith(".wasm")) return 'is a file stem: leave out ".wasm"';
      if (v.length > 128) return "must be at most 128 characters";
      return STEM.test(v) ? void 0 : 'may hold only letters, digits, ".", "_" and "-", starting with a letter or digit';
    },
    json: { pattern: STEM.source, maxLength: 128 }
  },
  "variable-name": {
    label: "name",
    describe: 'a variable name: letters, digits and "_", not starting with a digit',
    check: (v) => NAME.test(v) ? void 0 : 'may hold only letters, digits and "_", not starting with a digit',
    json: { pattern: NAME.source }
  },
  "c-define": {
    label: "macro",
    describe: "a preprocessor macro, `NAME` or `NAME=VALUE`",
    check: (v) => {
      if (v.startsWith("-D")) return 'is the macro itself: leave out "-D"';
      const name = v.split("=", 1)[0] ?? "";
      return NAME.test(name) ? void 0 : "must be NAME or NAME=VALUE, NAME a C identifier";
    },
    json: { pattern: "^[A-Za-z_][A-Za-z0-9_]*(=|$)" }
  },
  "relative-path": {
    label: "relative path",
    describe: 'a relative path with "/" separators and no ".."',
    check: relativePathProblem,
    normalize: normalizeRelative,
    json: { minLength: 1, pattern: "^[^/]" }
  },
  glob: {
    label: "glob",
    describe: "a glob pattern (`*`, `**`, `?`, `[...]`) relative to `source`",
    check: relativePathProblem,
    json: { minLength: 1, pattern: "^[^/]" }
  },
  "absolute-path": {
    label: "absolute path",
    describe: 'an absolute path inside the guest, starting with "/"',
    check: (v) => v.startsWith("/") ? void 0 : 'must be an absolute path (start with "/")',
    json: { pattern: "^/" }
  },
  "secret-id": {
    label: "secret id",
    describe: "a build secret id: letters, digits, `_`, `-` and `.`",
    check: (v) => SECRET_ID.test(v) ? void 0 : 'may hold only letters, digits, "_", "-" and ".", starting with a letter or digit',
    json: { pattern: SECRET_ID.source }
  },
  "image-reference": {
    label: "image reference",
    describe: "an image reference, `[registry/]repository[:tag][@digest]` (build args `${NAME}` allowed)",
    // A value with `${NAME}` is checked once the build args are in, where the image is used.
    check: (v) => {
      if (v.includes("${")) return void 0;
      try {
        parseReference(v);
        return void 0;
      } catch (e) {
        return `is not an image reference: ${e.message.replace(/^invalid image reference "[^"]*": /, "")}`;
      }
    },
    json: { minLength: 1, pattern: "^[^\\s]+$" }
  },
  "cargo-feature": {
    label: "feature",
    describe: "a Cargo feature: `name`, `package/name` or `dep:name` (letters, digits, `_`, `-`, `+`, `.`)",
    check: (v) => v.includes("${") || CARGO_FEATURE.test(v) ? void 0 : 'is not a Cargo feature name (letters, digits, "_", "-", "+", ".", optionally "package/" or "dep:" before it)',
    json: { pattern: CARGO_FEATURE.source.replace("(?:", "(") }
  },
  "header-name": {
    label: "header name",
    describe: "an HTTP header field name: letters, digits and `!#$%&'*+.^_`|~-` (compared ignoring case)",
    check: (v) => HEADER_NAME.test(v) ? void 0 : 'is not an HTTP header name (letters, digits, "-", ...)',
    json: { pattern: HEADER_NAME.source }
  },
  "http-path": {
    label: "request path",
    describe: 'a path and optional query, starting with "/", e.g. `/hello?name=Wasm`',
    check: (v) => HTTP_PATH.test(v) ? void 0 : 'must start with "/" and hold no spaces or "#", e.g. /hello?name=Wasm',
    json: { pattern: HTTP_PATH.source }
  },
  "wit-world": {
    label: "world",
    describe: "a WIT world: `name` or `namespace:package/name`, optionally `@version` (kebab-case)",
    check: (v) => WIT_WORLD.test(v) ? void 0 : "is not a WIT world name: `name` or `namespace:package/name[@version]`, lower-case kebab-case",
    json: { pattern: WIT_WORLD.source.replaceAll("(?:", "(") }
  },
  "python-module": {
    label: "module",
    describe: "a Python module name, e.g. `app` or `service.main`",
    check: (v) => v.endsWith(".py") ? 'is a module name: leave out ".py"' : PYTHON_MODULE.test(v) ? void 0 : 'is not a Python module name (identifiers separated by ".")',
    json: { pattern: PYTHON_MODULE.source.replaceAll("(?:", "(") }
  },
  regex: {
    label: "regex",
    describe: "a JavaScript regular expression (with the `u` flag), searched for anywhere in the text",
    check: (v) => {
      try {
        compilePattern(v);
        return void 0;
      } catch (e) {
        return `is not a valid regular expression: ${e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "")}`;
      }
    },
    json: { format: "regex" }
  }
};
function compilePattern(source) {
  return new RegExp(source, "u");
}

// src/wasm-toml/names.ts
var asObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
var asString = (v) => typeof v === "string" ? v : void 0;
var lastSegment = (p) => p.split("/").filter((s) => s !== "" && s !== ".").pop() ?? "";
function deriveName(m, path12, ctx) {
  const rust = asObj(m.rust);
  const candidates = [
    [["output"], asString(m.output)?.replace(/\.wasm$/, "")],
    [["rust", "bin"], asString(rust?.bin)],
    [["rust", "package"], asString(rust?.package)],
    [["go", "package"], asString(asObj(m.go)?.package)],
    [["tinygo", "package"], asString(asObj(m.tinygo)?.package)],
    [["source"], asString(m.source)]
  ];
  for (const [rel, raw] of candidates) {
    const from = [...path12, ...rel];
    if (raw === void 0 || !ctx.locations.has(from)) continue;
    const name = rel[0] === "rust" ? raw : lastSegment(raw);
    if (name === "") continue;
    const problem = FORMATS["file-stem"].check(name);
    if (problem) {
      ctx.errors.add(
        ctx.locations.find(from),
        `cannot name the module after ${rel.join(".")}: "${name}" ${problem}`,
        {
          path: [...path12, "name"],
          hint: 'add name = "..." to [module]'
        }
      );
    } else {
      m.name = name;
      ctx.locations.set([...path12, "name"], ctx.locations.find(from));
    }
    return;
  }
  ctx.errors.add(ctx.locations.find(path12), '[module] needs a "name"', {
    path: [...path12, "name"],
    hint: 'add name = "..." (the image holds <name>.wasm); it can be left out when "output", rust.bin, rust.package, go.package or "source" is set'
  });
}
function requireUniqueNames(items, pathOf, what, ctx) {
  const seen = /* @__PURE__ */ new Map();
  items.forEach((item2, i) => {
    const name = asString(item2?.name);
    if (name === void 0) return;
    const first = seen.get(name);
    if (first === void 0) {
      seen.set(name, i);
      return;
    }
    const firstLine = ctx.index.position(ctx.locations.find([...pathOf(first), "name"])[0]).line;
    ctx.errors.add(
      ctx.locations.find([...pathOf(i), "name"]),
      `${what} "${name}" is already used on line ${firstLine}`,
      {
        path: [...pathOf(i), "name"],
        hint: `each ${what} must be unique`
      }
    );
  });
}

// src/wasm-toml/emulations.ts
var EMULATIONS = ["process-clocks", "signal", "mman", "getpid"];
function emulationDefine(emulation) {
  return `_WASI_EMULATED_${emulation.replaceAll("-", "_").toUpperCase()}`;
}
function emulationLibrary(emulation) {
  return `-lwasi-emulated-${emulation}`;
}

// src/wasm-toml/schema.ts
var LANGUAGES = [
  "c",
  "cpp",
  "rust",
  "go",
  "tinygo",
  "assemblyscript",
  "zig",
  "javascript",
  "python"
];
var TARGETS = ["wasip1", "wasip2"];
var PROFILES = ["release", "debug"];
var WASM_OPT_LEVELS = ["none", "O1", "O2", "O3", "O4", "Os", "Oz"];
var HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
var RUNTIMES = ["wasmtime", "wazero", "wasmer", "wasmedge", "node", "containerd-wasmtime"];
var flagList = (description) => ({
  kind: "list",
  item: { kind: "string", format: "text", interpolate: true },
  default: [],
  description
});
var cFamily = (language, compiler, sources) => ({
  kind: "table",
  language,
  description: `Options for ${language === "c" ? "C" : "C++"} (wasi-sdk / clang).`,
  fields: {
    flags: flagList(`Compiler flags for \`${compiler}\`, e.g. \`["-Wall", "-DNDEBUG"]\`.`),
    defines: {
      kind: "list",
      item: { kind: "string", format: "c-define", interpolate: true },
      default: [],
      description: "Preprocessor macros to define, `NAME` or `NAME=VALUE` (each becomes `-DNAME=VALUE`)."
    },
    sources: {
      kind: "list",
      item: { kind: "string", format: "glob" },
      default: sources,
      description: "Glob patterns, relative to `source`, of the files to compile."
    },
    "link-flags": flagList('Linker flags, e.g. `["-Wl,--export=add"]`.'),
    emulations: {
      kind: "list",
      item: { kind: "enum", values: EMULATIONS },
      default: [],
      description: 'wasi-libc\'s emulations of what WASI lacks, e.g. `["process-clocks"]` for `clock()` and `times()`; each adds its define and library (`process-clocks` -> `-D_WASI_EMULATED_PROCESS_CLOCKS` `-lwasi-emulated-process-clocks`; likewise `signal`, `mman`, `getpid`).'
    }
  }
});
var goFamily = (language) => ({
  kind: "table",
  language,
  description: `Options for ${language === "go" ? "Go (`GOOS=wasip1 GOARCH=wasm go build`)" : "TinyGo"}.`,
  fields: {
    tags: {
      kind: "list",
      item: { kind: "string", format: "non-empty", interpolate: true },
      default: [],
      description: "Build tags (`-tags`)."
    },
    ldflags: flagList(
      'Linker flags (`-ldflags`), one per element, e.g. `["-s", "-X main.version=${VERSION}"]`.'
    ),
    package: {
      kind: "string",
      format: "non-empty",
      default: ".",
      description: "The main package to build: a path relative to `source` (`./cmd/hello`) or an import path."
    }
  }
});
var toolchainFields = {
  image: {
    kind: "string",
    format: "image-reference",
    interpolate: true,
    description: "Image to build in instead of the built-in one, e.g. a mirror: `registry.local/rust` (tagged with `version` or the built-in version) or a full reference `registry.local/rust:1.82`."
  },
  version: {
    kind: "string",
    format: "non-empty",
    interpolate: true,
    description: "Toolchain version: the tag of the image, e.g. `1.82` for Rust or `1.23` for Go."
  }
};
var labelMap = (description) => ({
  kind: "map",
  keys: "non-empty",
  values: { kind: "string", format: "text", interpolate: true },
  description
});
var TEST_FIELDS = {
  name: {
    kind: "string",
    format: "non-empty",
    computed: "`test-<n>`, n counting from 1",
    description: "Name in the action's report; unique within the module."
  },
  args: {
    kind: "list",
    item: { kind: "string", format: "text" },
    default: [],
    description: "Arguments passed to the module."
  },
  env: {
    kind: "map",
    keys: "variable-name",
    values: { kind: "string", format: "text" },
    description: "Environment variables of the run."
  },
  stdin: {
    kind: "string",
    format: "data",
    default: "",
    description: "Text fed to the module's standard input. Not together with `stdin-file`."
  },
  "stdin-file": {
    kind: "string",
    format: "relative-path",
    description: "A file in the build context fed to the module's standard input byte for byte (binary data, large inputs). Not together with `stdin`."
  },
  dirs: {
    kind: "map",
    keys: "relative-path",
    values: { kind: "string", format: "absolute-path" },
    description: 'Directories to preopen: host directory (relative to the build context) = guest path, e.g. `{ "testdata" = "/data" }`.'
  },
  workdir: {
    kind: "string",
    format: "absolute-path",
    computed: "the module's `image.workdir`",
    description: 'Working directory of the run (the counterpart of the image\'s `WorkingDir`), given to the module as `PWD`: Go resolves relative paths against it. wasi-libc (C, C++) does not read it and starts in `/`: there, give relative paths from `/`, e.g. `testdata/1.json` with `dirs = { "cli/testdata" = "/testdata" }`.'
  },
  request: {
    kind: "table",
    optional: true,
    description: "Makes the case an HTTP case, for a component that exports `wasi:http/incoming-handler`: the request sent to it, served by the runtime. Goes with `expect.status`, `expect.body`, `expect.headers`; not with `args`, `stdin` or the `expect` keys of a command.",
    fields: {
      method: { kind: "enum", values: HTTP_METHODS, default: "GET", description: "The request method." },
      path: { kind: "string", format: "http-path", default: "/", description: "The path and query." },
      headers: {
        kind: "map",
        keys: "header-name",
        values: { kind: "string", format: "text" },
        description: "Request headers."
      },
      body: { kind: "string", format: "data", default: "", description: "The request body." }
    }
  },
  expect: {
    kind: "table",
    description: "What the run must produce.",
    fields: {
      status: {
        kind: "integer",
        minimum: 100,
        maximum: 599,
        description: "HTTP cases: the response status."
      },
      body: {
        kind: "string",
        format: "data",
        description: "HTTP cases: the exact response body. Not together with `body-matches`."
      },
      "body-matches": {
        kind: "string",
        format: "regex",
        description: "HTTP cases: a regular expression the response body must contain a match of."
      },
      headers: {
        kind: "map",
        keys: "header-name",
        values: { kind: "string", format: "text" },
        description: "HTTP cases: response headers that must be there with these values (other headers may be too)."
      },
      stdout: { kind: "string", format: "data", description: "The exact standard output." },
      "stdout-file": {
        kind: "string",
        format: "relative-path",
        description: "A file in the build context the standard output must equal byte for byte (binary output, large expectations). Not together with `stdout` or `stdout-matches`."
      },
      "stdout-matches": {
        kind: "string",
        format: "regex",
        description: "A regular expression the standard output must contain a match of (JavaScript syntax, `u` flag; anchor it with `^` and `$`). Not together with `stdout`."
      },
      "exit-code": { kind: "integer", minimum: 0, maximum: 255, default: 0, description: "The exit code." }
    }
  },
  runtimes: {
    kind: "list",
    item: { kind: "enum", values: RUNTIMES },
    minItems: 1,
    description: "Run only on these runtimes (default: every runtime the action is given)."
  }
};
var MODULE_FIELDS = {
  name: {
    kind: "string",
    format: "file-stem",
    computed: "derived from `output`, `rust.bin`, `rust.package`, `go.package` / `tinygo.package` or `source`, in that order; required when none is set",
    description: "Module name: the image holds `<name>.wasm`, and `--target <name>` selects the module."
  },
  description: {
    kind: "string",
    format: "non-empty",
    description: "One line shown in the list of targets (`docker buildx build --call=targets`)."
  },
  language: {
    kind: "enum",
    values: LANGUAGES,
    aliases: {
      "c++": "cpp",
      cxx: "cpp",
      golang: "go",
      as: "assemblyscript",
      js: "javascript",
      typescript: "javascript",
      ts: "javascript",
      py: "python"
    },
    description: "Source language: picks the toolchain and how to build. Omit it only with a custom `build`."
  },
  build: {
    kind: "list",
    item: { kind: "string", format: "text", interpolate: true },
    minItems: 1,
    description: 'A custom build command as an argument list, run in `source` (no shell: write `["sh", "-c", "..."]` for one). Needs `output`, and `toolchain.image` when there is no `language`.'
  },
  output: {
    kind: "string",
    format: "relative-path",
    description: "With `build`: where the command writes the module, relative to `source`."
  },
  source: {
    kind: "string",
    format: "relative-path",
    default: ".",
    description: "Directory of the module's sources, relative to the build context."
  },
  include: {
    kind: "list",
    item: { kind: "string", format: "glob" },
    default: [],
    description: "Glob patterns, relative to `source`, of the files the build sees (empty: all). Narrow patterns keep unrelated changes from invalidating the build cache."
  },
  exclude: {
    kind: "list",
    item: { kind: "string", format: "glob" },
    default: [],
    description: 'Glob patterns, relative to `source`, of files the build does not see, e.g. `["target/**"]`.'
  },
  target: {
    kind: "enum",
    values: TARGETS,
    computed: "`wasip2` for `javascript` and `python` (they build only components), else `wasip1`",
    aliases: {
      "wasm32-wasi": "wasip1",
      "wasm32-wasip1": "wasip1",
      "wasm32-wasip2": "wasip2",
      wasi: "wasip1"
    },
    description: "`wasip1`: a core module for WASI preview 1. `wasip2`: a component for WASI 0.2."
  },
  profile: {
    kind: "enum",
    values: PROFILES,
    default: "release",
    aliases: { dev: "debug" },
    description: "`release` optimises; `debug` keeps debug info and assertions."
  },
  env: {
    kind: "map",
    keys: "variable-name",
    values: { kind: "string", format: "text", interpolate: true },
    description: "Environment variables of the build."
  },
  secrets: {
    kind: "list",
    item: { kind: "string", format: "secret-id" },
    default: [],
    description: "Build secrets every build step of the module mounts at `/run/secrets/<id>`, read-only: given with `--secret id=<id>,...` (buildx, the CLI) or the action's `secrets` input, never as build args, and kept out of the image and the cache keys. A build without one of them fails."
  },
  c: cFamily("c", "clang", ["**/*.c"]),
  cpp: cFamily("cpp", "clang++", ["**/*.cc", "**/*.cpp", "**/*.cxx"]),
  rust: {
    kind: "table",
    language: "rust",
    description: "Options for Rust (cargo).",
    fields: {
      features: {
        kind: "list",
        item: { kind: "string", format: "cargo-feature", interpolate: true },
        default: [],
        description: "Cargo features to enable (`--features`)."
      },
      "default-features": {
        kind: "boolean",
        default: true,
        description: "Build with the package's default features (`false`: `--no-default-features`)."
      },
      package: {
        kind: "string",
        format: "non-empty",
        description: "Workspace package to build (`--package`)."
      },
      bin: {
        kind: "string",
        format: "non-empty",
        description: "Binary target to build (`--bin`), needed when the package has several."
      }
    }
  },
  go: goFamily("go"),
  tinygo: goFamily("tinygo"),
  assemblyscript: {
    kind: "table",
    language: "assemblyscript",
    description: "Options for AssemblyScript (`asc`).",
    fields: {
      entry: {
        kind: "string",
        format: "relative-path",
        default: "assembly/index.ts",
        description: "Entry file, relative to `source`."
      },
      options: flagList('Extra `asc` options, e.g. `["--runtime", "stub"]`.')
    }
  },
  zig: {
    kind: "table",
    language: "zig",
    description: "Options for Zig (`zig build-exe`).",
    fields: {
      root: {
        kind: "string",
        format: "relative-path",
        default: "src/main.zig",
        description: "Root source file, relative to `source`."
      },
      options: flagList("Extra `zig build-exe` options.")
    }
  },
  javascript: JAVASCRIPT_TABLE,
  python: PYTHON_TABLE,
  optimize: {
    kind: "table",
    description: "Post-link optimisation.",
    fields: {
      "wasm-opt": {
        kind: "enum",
        values: WASM_OPT_LEVELS,
        aliases: {
          O0: "none",
          "-O0": "none",
          "-O1": "O1",
          "-O2": "O2",
          "-O3": "O3",
          "-O4": "O4",
          "-Os": "Os",
          "-Oz": "Oz"
        },
        default: "none",
        description: "Binaryen `wasm-opt` level; `none` skips it (a release build is still stripped at link time). Not for components (`wasip2`)."
      },
      strip: {
        kind: "boolean",
        computed: "`true` for release, `false` for debug",
        description: "Remove debug info and the name section from the module."
      }
    }
  },
  image: {
    kind: "table",
    description: "The image config: how a container runtime runs the module.",
    fields: {
      args: {
        kind: "list",
        item: { kind: "string", format: "text" },
        default: [],
        description: "Default arguments of the module (the image's `Cmd`)."
      },
      env: {
        kind: "map",
        keys: "variable-name",
        values: { kind: "string", format: "text" },
        description: "Environment variables of the module (`Env`)."
      },
      workdir: {
        kind: "string",
        format: "absolute-path",
        default: "/",
        description: "Working directory of the module (`WorkingDir`)."
      },
      labels: labelMap('Image labels, e.g. `{ "org.opencontainers.image.version" = "${VERSION}" }`.'),
      annotations: labelMap("Manifest annotations.")
    }
  },
  toolchain: {
    kind: "table",
    description: "The toolchain image that builds the module. Keys not set here come from `[toolchains.<language>]`, then from the frontend's built-in image.",
    fields: toolchainFields
  },
  test: {
    kind: "tables",
    description: "Test-runs of the module, for the action: each runs on every runtime (or on `runtimes`).",
    fields: TEST_FIELDS
  }
};
var toolchainsFor = (language) => ({
  kind: "table",
  language,
  description: `Toolchain for ${language} modules.`,
  fields: toolchainFields
});
var ROOT_FIELDS = {
  "build-args": {
    kind: "map",
    keys: "variable-name",
    values: { kind: "string", format: "text" },
    description: "Build arguments and their defaults. `--build-arg NAME=value` overrides one; `${NAME}` uses it in the values that say so."
  },
  toolchains: {
    kind: "table",
    description: "Toolchain defaults per language for every module, e.g. to build everything from a mirror.",
    fields: {
      c: toolchainsFor("c"),
      cpp: toolchainsFor("cpp"),
      rust: toolchainsFor("rust"),
      go: toolchainsFor("go"),
      tinygo: toolchainsFor("tinygo"),
      assemblyscript: toolchainsFor("assemblyscript"),
      zig: toolchainsFor("zig"),
      javascript: toolchainsFor("javascript"),
      python: toolchainsFor("python")
    }
  },
  image: {
    kind: "table",
    optional: true,
    description: "One image holding every module (each as `<name>.wasm`) instead of one image per module; `--target` then picks the entrypoint.",
    fields: {
      entrypoint: {
        kind: "string",
        format: "file-stem",
        computed: "the first module",
        description: "The module the image runs; its `[module.image]` gives the image's config."
      },
      labels: labelMap("Image labels, merged over the entrypoint module's."),
      annotations: labelMap("Manifest annotations, merged over the entrypoint module's.")
    }
  },
  module: {
    kind: "tables",
    single: true,
    required: true,
    description: "The module to build, `[module]`, or several, `[[module]]`: `--target <name>` picks one, default the first.",
    fields: MODULE_FIELDS
  }
};

// src/wasm-toml/suggest.ts
function editDistance(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array(rows * cols).fill(0);
  const at = (i, j) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}
var fold = (s) => s.toLowerCase().replace(/_/g, "-");
function closest(input2, candidates) {
  const folded = fold(input2);
  const limit = Math.max(1, Math.floor(folded.length / 3));
  let best;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(folded, fold(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : void 0;
}
function quotedList(items) {
  const q = items.map((i) => `"${i}"`);
  return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
}

// src/wasm-toml/interpolate.ts
var REF = /\$\$|\$\{([^}]*)\}?/g;
var NAME2 = /^[A-Za-z_][A-Za-z0-9_]*$/;
function scanTemplate(value) {
  const refs = [];
  const problems = [];
  for (const m of value.matchAll(REF)) {
    if (m[0] === "$$") continue;
    const start2 = m.index;
    const end = start2 + m[0].length;
    const name = m[1] ?? "";
    if (!m[0].endsWith("}"))
      problems.push({ start: start2, end, message: `unterminated build arg reference "${m[0]}"` });
    else if (!NAME2.test(name))
      problems.push({ start: start2, end, message: `invalid build arg reference "${m[0]}"` });
    else refs.push({ name, start: start2, end });
  }
  return { refs, problems };
}
function expandTemplate(value, values) {
  return value.replace(
    REF,
    (whole, name) => whole === "$$" ? "$" : values[name ?? ""] ?? whole
  );
}

// src/wasm-toml/validate.ts
var rootScope = (fields) => ({ dotted: "", display: "the top level", fields });
var join = (a, b) => a ? `${a}.${b}` : b;
var KIND_NAMES = {
  string: "a string",
  integer: "an integer",
  float: "a float",
  boolean: "a boolean",
  "date-time": "a date-time",
  array: "an array",
  table: "a table"
};
function defaultValue(key) {
  switch (key.kind) {
    case "list":
      return key.default ? [...key.default] : void 0;
    case "map":
      return {};
    case "table":
      return key.optional || key.language ? void 0 : defaultsOf(key.fields);
    case "tables":
      return [];
    default:
      return key.default;
  }
}
function defaultsOf(fields) {
  const out = {};
  for (const [name, key] of Object.entries(fields)) {
    const value = defaultValue(key);
    if (value !== void 0) out[name] = value;
  }
  return out;
}
function readTable(fields, table, path12, ctx, scope) {
  ctx.locations.set(path12, table.span);
  for (const entry of table.entries.values()) {
    if (!Object.hasOwn(fields, entry.key)) {
      const where = scope.dotted ? `in ${scope.display}` : "at the top level";
      ctx.errors.add(entry.keySpan, `unknown key "${entry.key}" ${where}`, {
        path: [...path12, entry.key],
        hint: unknownKeyHint(entry.key, scope)
      });
      const meant = closest(entry.key, Object.keys(fields));
      if (meant) ctx.misspelt.add(JSON.stringify([...path12, meant]));
    }
  }
  const out = {};
  for (const [name, key] of Object.entries(fields)) {
    const entry = table.entries.get(name);
    let value;
    if (entry) {
      ctx.locations.set([...path12, name], entry.value.span);
      value = readValue(key, name, entry.value, [...path12, name], ctx, scope);
    } else if (key.kind === "tables" && key.required && !ctx.misspelt.has(JSON.stringify([...path12, name]))) {
      const child = join(scope.dotted, name);
      ctx.errors.add(table.span, `missing [${child}]`, {
        path: [...path12, name],
        hint: key.single ? `add [${child}] (or [[${child}]] for each of several)` : `add [[${child}]]`
      });
    } else {
      value = defaultValue(key);
    }
    if (value !== void 0) out[name] = value;
  }
  return out;
}
function unknownKeyHint(name, scope) {
  const own = Object.keys(scope.fields);
  const nearby = [];
  for (const [sub, key] of Object.entries(scope.fields)) {
    if (key.kind === "table" || key.kind === "tables") {
      nearby.push({ table: join(scope.dotted, sub), keys: Object.keys(key.fields), sibling: false });
    }
  }
  for (const [sub, key] of Object.entries(scope.parent?.fields ?? {})) {
    if ((key.kind === "table" || key.kind === "tables") && key.fields !== scope.fields) {
      nearby.push({
        table: join(scope.parent?.dotted ?? "", sub),
        keys: Object.keys(key.fields),
        sibling: true
      });
    }
  }
  const exact = nearby.find((n) => n.keys.includes(name));
  if (exact && !exact.sibling) return `"${name}" belongs in [${exact.table}]`;
  if (scope.parent && Object.hasOwn(scope.parent.fields, name)) {
    return `"${name}" is a key of ${scope.parent.display}: write it before ${scope.display}`;
  }
  if (exact) {
    return `"${name}" is an option of [${exact.table}], not of ${scope.display}`;
  }
  const mine = closest(name, own);
  if (mine) return `did you mean "${mine}"?`;
  for (const n of nearby) {
    const there = closest(name, n.keys);
    if (there) return `did you mean "${there}" in [${n.table}]?`;
  }
  return `allowed keys: ${own.join(", ")}`;
}
var item = (site, index) => ({
  label: typeof index === "number" ? `${site.label}[${index}]` : `${site.label}.${index}`,
  path: [...site.path, index]
});
function report(ctx, span, site, message2, hint) {
  ctx.errors.add(span, message2, { path: site.path, hint });
  return void 0;
}
function typeError(ctx, site, expected, value, hint) {
  return report(
    ctx,
    value.span,
    site,
    `${site.label} must be ${expected}, not ${KIND_NAMES[value.kind]}`,
    hint
  );
}
function readValue(key, label, value, path12, ctx, scope) {
  const site = { label, path: path12 };
  switch (key.kind) {
    case "string":
      return readString2(key, site, value, ctx);
    case "enum":
      return readEnum(key, site, value, ctx);
    case "boolean":
      if (value.kind === "boolean") return value.value;
      return typeError(ctx, site, "a boolean (true or false)", value);
    case "integer":
      if (value.kind !== "integer") return typeError(ctx, site, "an integer", value);
      if (value.value < key.minimum || value.value > key.maximum) {
        const range = `between ${key.minimum} and ${key.maximum}`;
        return report(ctx, value.span, site, `${label} must be ${range}, not ${value.value}`);
      }
      return value.value;
    case "list":
      return readList(key.item, key.minItems ?? 0, site, value, ctx);
    case "map":
      return readMap(key.keys, key.values, site, value, ctx);
    case "table": {
      if (value.kind !== "table") return typeError(ctx, site, "a table", value);
      const dotted = join(scope.dotted, label);
      return readTable(key.fields, value, path12, ctx, {
        dotted,
        display: `[${dotted}]`,
        fields: key.fields,
        parent: scope
      });
    }
    case "tables": {
      const dotted = join(scope.dotted, label);
      const child = {
        dotted,
        display: key.single ? `[${dotted}]` : `[[${dotted}]]`,
        fields: key.fields,
        parent: scope
      };
      if (value.kind === "table" && key.single) {
        ctx.locations.set([...path12, 0], value.span);
        return [readTable(key.fields, value, [...path12, 0], ctx, child)];
      }
      if (value.kind !== "array") {
        const hint = value.kind === "table" ? `write [[${dotted}]], once per table` : void 0;
        return typeError(ctx, site, "an array of tables", value, hint);
      }
      if (key.required && value.items.length === 0) {
        return report(ctx, value.span, site, `${label} must hold at least one table`);
      }
      return value.items.map((element, i) => {
        ctx.locations.set([...path12, i], element.span);
        if (element.kind === "table") return readTable(key.fields, element, [...path12, i], ctx, child);
        return typeError(ctx, item(site, i), "a table", element);
      });
    }
  }
}
function readString2(spec, site, value, ctx) {
  if (value.kind !== "string") return typeError(ctx, site, "a string", value);
  const format = FORMATS[spec.format];
  const problem = value.value.includes("\0") && !("carriesNul" in format) ? "contains a NUL character (\\u0000): arguments, environment values and paths cannot carry one (stdin and expected output can; a binary file can be given as stdin-file or expect.stdout-file)" : format.check(value.value);
  if (problem)
    return report(ctx, value.span, site, `${site.label} ${JSON.stringify(value.value)} ${problem}`);
  if (spec.interpolate) checkTemplate(site, value, ctx);
  return format.normalize ? format.normalize(value.value) : value.value;
}
function readEnum(spec, site, value, ctx) {
  const allowed = quotedList(spec.values);
  if (value.kind !== "string") return typeError(ctx, site, `one of ${allowed}`, value);
  if (spec.values.includes(value.value)) return value.value;
  const alias = spec.aliases?.[value.value];
  const near = closest(value.value, spec.values);
  const hint = alias ? `"${value.value}" is spelled "${alias}" here` : near ? `did you mean "${near}"?` : void 0;
  return report(ctx, value.span, site, `${site.label} must be one of ${allowed}, not "${value.value}"`, hint);
}
function readList(spec, minItems, site, value, ctx) {
  if (value.kind !== "array") {
    const words = value.kind === "string" ? value.value.split(/\s+/).filter((w) => w !== "") : [];
    const hint = value.kind === "string" ? `write an array: [${words.map((w) => JSON.stringify(w)).join(", ")}]` : void 0;
    return typeError(ctx, site, "an array of strings", value, hint);
  }
  if (value.items.length < minItems) return report(ctx, value.span, site, `${site.label} must not be empty`);
  const out = [];
  value.items.forEach((element, i) => {
    ctx.locations.set([...site.path, i], element.span);
    const v = spec.kind === "enum" ? readEnum(spec, item(site, i), element, ctx) : readString2(spec, item(site, i), element, ctx);
    if (v !== void 0) out.push(v);
  });
  return out.length === value.items.length ? out : void 0;
}
function readMap(keys, values, site, value, ctx) {
  if (value.kind !== "table") return typeError(ctx, site, "a table of strings", value);
  const out = {};
  let ok = true;
  for (const entry of value.entries.values()) {
    const entrySite = item(site, entry.key);
    ctx.locations.set(entrySite.path, entry.value.span);
    const problem = FORMATS[keys].check(entry.key);
    const v = problem ? report(ctx, entry.keySpan, entrySite, `${site.label} key ${JSON.stringify(entry.key)} ${problem}`) : readString2(values, entrySite, entry.value, ctx);
    if (v === void 0) ok = false;
    else out[entry.key] = v;
  }
  return ok ? out : void 0;
}
function checkTemplate(site, value, ctx) {
  const { refs, problems } = scanTemplate(value.value);
  for (const p of problems) {
    const span = subSpan(value, p.start, p.end, ctx.text);
    report(
      ctx,
      span,
      site,
      `${site.label}: ${p.message}`,
      "write ${NAME} to use a build arg, or $$ for a literal $"
    );
  }
  for (const ref of refs) {
    if (ctx.buildArgs.includes(ref.name)) continue;
    const near = closest(ref.name, ctx.buildArgs);
    const hint = near ? `did you mean "${near}"?` : `declare it with a default: [build-args] ${ref.name} = "..."`;
    const span = subSpan(value, ref.start, ref.end, ctx.text);
    report(ctx, span, site, `${site.label} uses undeclared build arg "${ref.name}"`, hint);
  }
}
function subSpan(value, start2, end, text2) {
  const needle = value.value.slice(start2, end);
  let occurrence = value.value.slice(0, start2).split(needle).length - 1;
  const raw = text2.slice(value.span[0], value.span[1]);
  let at = raw.indexOf(needle);
  while (at !== -1 && occurrence > 0) {
    at = raw.indexOf(needle, at + needle.length);
    occurrence--;
  }
  return at === -1 ? value.span : [value.span[0] + at, value.span[0] + at + needle.length];
}

// src/wasm-toml/rules.ts
var COMPONENT_RUNTIMES = ["wasmtime", "node", "containerd-wasmtime"];
var asObj2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
var asObjs = (v) => Array.isArray(v) ? v.map(asObj2) : [];
var asString2 = (v) => typeof v === "string" ? v : void 0;
function applyRules(spec, ctx) {
  const modules = asObjs(spec.module);
  modules.forEach((m, i) => {
    if (!m) return;
    const mod = moduleScope(m, ["module", i], ctx);
    buildRules(mod);
    targetRules(mod);
    languageTables(mod);
    worldRules(mod);
    componentRules(mod);
    toolchainRules(mod, asObj2(spec.toolchains));
    if (!mod.attempted("name")) deriveName(m, mod.path, ctx);
    testRules(mod);
  });
  for (const [language, entry] of Object.entries(asObj2(spec.toolchains) ?? {})) {
    toolchainConflict(["toolchains", language], asObj2(entry), ctx);
  }
  requireUniqueNames(modules, (i) => ["module", i], "module name", ctx);
  imageRules(spec, modules, ctx);
}
function moduleScope(m, path12, ctx) {
  const at = (...rest) => [...path12, ...rest];
  const given = (...rest) => ctx.locations.has(at(...rest));
  return {
    m,
    path: path12,
    ctx,
    language: asString2(m.language),
    target: asString2(m.target),
    hasBuild: given("build"),
    at,
    given,
    attempted: (key) => given(key) || ctx.misspelt.has(JSON.stringify(at(key))),
    span: (...rest) => ctx.locations.find(at(...rest))
  };
}
function buildRules({ ctx, at, given, attempted, span, hasBuild }) {
  if (!attempted("language") && !attempted("build")) {
    ctx.errors.add(span(), '[module] needs a "language" or a custom "build"', {
      path: at("language"),
      hint: `add language = one of ${quotedList(LANGUAGES)}`
    });
  }
  if (hasBuild && !attempted("output")) {
    ctx.errors.add(
      span("build"),
      'a custom "build" needs "output": the path of the module it writes, relative to "source"',
      {
        path: at("output")
      }
    );
  }
  if (given("output") && !hasBuild) {
    ctx.errors.add(span("output"), '"output" is only used with a custom "build"', {
      path: at("output"),
      hint: "remove it: the language's build decides where the module goes"
    });
  }
  if (hasBuild && !given("language") && !given("toolchain", "image")) {
    ctx.errors.add(
      span("build"),
      'a custom "build" without a "language" needs toolchain.image, the image to run it in',
      {
        path: at("toolchain", "image")
      }
    );
  }
}
function targetRules(mod) {
  const { m, ctx, at, given, span, language, hasBuild } = mod;
  const componentOnly = !hasBuild && language !== void 0 && COMPONENT_ONLY_LANGUAGES.includes(language);
  if (!given("target")) {
    mod.target = componentOnly ? "wasip2" : "wasip1";
    m.target = mod.target;
    return;
  }
  if (componentOnly && mod.target === "wasip1") {
    ctx.errors.add(span("target"), `language "${language}" builds components only, not wasip1 modules`, {
      path: at("target"),
      hint: 'remove target (it defaults to "wasip2" for this language)'
    });
  }
}
function worldRules({ m, ctx, at, given, span, language }) {
  if (language === void 0 || !COMPONENT_ONLY_LANGUAGES.includes(language)) return;
  const table = asObj2(m[language]);
  const world = asString2(table?.world);
  if (!table || world === void 0 || given(language, "wit")) return;
  if (BUILTIN_WORLDS.includes(world)) return;
  ctx.errors.add(
    span(language, "world"),
    `world "${world}" is not built in (${quotedList(BUILTIN_WORLDS)} are), so it needs a WIT directory`,
    {
      path: at(language, "wit"),
      hint: `set ${language}.wit = "wit", the directory (relative to source) whose WIT defines "${world}"`
    }
  );
}
function languageTables({ m, ctx, at, given, language, hasBuild }) {
  for (const [name, key] of Object.entries(MODULE_FIELDS)) {
    if (key.kind !== "table" || !("language" in key)) continue;
    if (!hasBuild && language === key.language) {
      m[name] ??= defaultsOf(key.fields);
      continue;
    }
    delete m[name];
    if (!given(name) || !hasBuild && language === void 0) continue;
    ctx.errors.add(
      ctx.locations.find(at(name)),
      hasBuild ? `[module.${name}] has no effect with a custom "build"` : `[module.${name}] is for language "${key.language}", but this module's language is "${language}"`,
      {
        path: at(name),
        hint: hasBuild ? "pass these options in the build command" : `options for ${language} go in [module.${language}]`
      }
    );
  }
}
function componentRules({ m, ctx, at, span, given, target }) {
  const optimize = asObj2(m.optimize);
  if (!optimize) return;
  const debug = m.profile === "debug";
  if (target === "wasip2" && optimize["wasm-opt"] !== void 0 && optimize["wasm-opt"] !== "none") {
    ctx.errors.add(span("optimize", "wasm-opt"), 'wasm-opt cannot optimize a component (target "wasip2")', {
      path: at("optimize", "wasm-opt"),
      hint: 'remove wasm-opt or set it to "none"'
    });
  }
  if (!given("optimize", "strip")) optimize.strip = !debug;
}
function toolchainRules({ m, ctx, at, given, language }, toolchains) {
  const toolchain = asObj2(m.toolchain);
  if (!toolchain) return;
  const own = given("toolchain", "image") || given("toolchain", "version");
  const inherited = language ? asObj2(toolchains?.[language]) : void 0;
  for (const k of ["image", "version"]) {
    if (given("toolchain", k) || inherited?.[k] === void 0) continue;
    toolchain[k] = inherited[k];
    ctx.locations.set(at("toolchain", k), ctx.locations.find(["toolchains", language ?? "", k]));
  }
  if (own) toolchainConflict(at("toolchain"), toolchain, ctx);
}
function toolchainConflict(path12, table, ctx) {
  const image2 = asString2(table?.image);
  const version = asString2(table?.version);
  if (image2 === void 0 || version === void 0 || !taggedReference(image2)) return;
  ctx.errors.add(
    ctx.locations.find([...path12, "version"]),
    `toolchain version "${version}" conflicts with the tag in image "${image2}"`,
    {
      path: [...path12, "version"],
      hint: "give the image without a tag, or drop the version"
    }
  );
}
function testRules({ m, ctx, at, given, span, target }) {
  const tests = asObjs(m.test);
  tests.forEach((test, j) => {
    if (!test) return;
    if (!given("test", j, "name")) {
      test.name = `test-${j + 1}`;
      ctx.locations.set(at("test", j, "name"), span("test", j));
    }
    if (!given("test", j, "workdir")) {
      test.workdir = asObj2(m.image)?.workdir;
      ctx.locations.set(at("test", j, "workdir"), span("test", j));
    }
    const outputs = ["stdout", "stdout-file", "stdout-matches"].filter((k) => given("test", j, "expect", k));
    if (outputs.length > 1) {
      ctx.errors.add(
        span("test", j, "expect", outputs[1]),
        `expect.${outputs[0]} and expect.${outputs[1]} exclude each other`,
        {
          path: at("test", j, "expect"),
          hint: "keep one: stdout (or stdout-file) for the exact output, stdout-matches for a pattern"
        }
      );
    }
    httpCaseRules(j, { ctx, at, given, span });
    if (given("test", j, "stdin") && given("test", j, "stdin-file")) {
      ctx.errors.add(span("test", j, "stdin-file"), "stdin and stdin-file exclude each other", {
        path: at("test", j),
        hint: "keep one: stdin for text in the file, stdin-file for a file in the build context"
      });
    }
    const exitCode = asObj2(test.expect)?.["exit-code"];
    if (target === "wasip2" && typeof exitCode === "number" && exitCode > 1) {
      ctx.errors.add(
        span("test", j, "expect", "exit-code"),
        `a component exits with 0 or 1, never ${exitCode} (WASI 0.2's exit takes ok or error, not a code)`,
        { path: at("test", j, "expect", "exit-code"), hint: "expect exit-code = 1 for any failure" }
      );
    }
    if (target !== "wasip2" || !Array.isArray(test.runtimes)) return;
    test.runtimes.forEach((r, k) => {
      if (typeof r !== "string" || COMPONENT_RUNTIMES.includes(r)) return;
      ctx.errors.add(
        span("test", j, "runtimes", k),
        `runtime "${r}" cannot run a component (target "wasip2")`,
        {
          path: at("test", j, "runtimes", k),
          hint: `components run on ${quotedList(COMPONENT_RUNTIMES)}`
        }
      );
    });
  });
  requireUniqueNames(tests, (j) => at("test", j), "test name", ctx);
}
var COMMAND_KEYS = [
  ["args"],
  ["stdin"],
  ["stdin-file"],
  ["dirs"],
  ["expect", "stdout"],
  ["expect", "stdout-file"],
  ["expect", "stdout-matches"],
  ["expect", "exit-code"]
];
var HTTP_EXPECT_KEYS = ["status", "body", "body-matches", "headers"];
function httpCaseRules(j, { ctx, at, given, span }) {
  if (given("test", j, "request")) {
    for (const key of COMMAND_KEYS) {
      if (!given("test", j, ...key)) continue;
      ctx.errors.add(
        span("test", j, ...key),
        `${key.join(".")} is for command cases, and this case sends a request`,
        {
          path: at("test", j, ...key),
          hint: "an HTTP case checks expect.status, expect.body (or body-matches) and expect.headers"
        }
      );
    }
  } else {
    for (const key of HTTP_EXPECT_KEYS) {
      if (!given("test", j, "expect", key)) continue;
      ctx.errors.add(
        span("test", j, "expect", key),
        `expect.${key} goes with a request: this case sends none`,
        {
          path: at("test", j, "expect", key),
          hint: 'add request = { method = "GET", path = "/" } for an HTTP case, or check stdout for a command'
        }
      );
    }
  }
  if (given("test", j, "expect", "body") && given("test", j, "expect", "body-matches")) {
    ctx.errors.add(
      span("test", j, "expect", "body-matches"),
      "expect.body and expect.body-matches exclude each other",
      {
        path: at("test", j, "expect"),
        hint: "keep one: body for the exact body, body-matches for a pattern"
      }
    );
  }
}
function imageRules(spec, modules, ctx) {
  const image2 = asObj2(spec.image);
  if (!image2) return;
  const names = modules.map((m) => asString2(m?.name)).filter((n) => n !== void 0);
  if (!ctx.locations.has(["image", "entrypoint"])) {
    if (names[0] !== void 0) image2.entrypoint = names[0];
    ctx.locations.set(["image", "entrypoint"], ctx.locations.find(["module", 0, "name"]));
    return;
  }
  const entrypoint = asString2(image2.entrypoint);
  if (entrypoint === void 0 || names.includes(entrypoint) || names.length < modules.length) return;
  const near = closest(entrypoint, names);
  ctx.errors.add(
    ctx.locations.find(["image", "entrypoint"]),
    `image.entrypoint "${entrypoint}" is not a module in this file`,
    {
      path: ["image", "entrypoint"],
      hint: near ? `did you mean "${near}"?` : `modules: ${names.join(", ")}`
    }
  );
}
function taggedReference(image2) {
  try {
    return hasTagOrDigest(image2);
  } catch {
    return false;
  }
}

// src/wasm-toml/source.ts
var LineIndex = class {
  starts = [0];
  constructor(text2) {
    for (let i = 0; i < text2.length; i++) if (text2.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
  range([start2, end]) {
    const s = this.position(start2);
    const e = this.position(Math.max(end, start2));
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }
};

// node_modules/toml-eslint-parser/node_modules/eslint-visitor-keys/lib/visitor-keys.js
var KEYS = {
  ArrayExpression: ["elements"],
  ArrayPattern: ["elements"],
  ArrowFunctionExpression: ["params", "body"],
  AssignmentExpression: ["left", "right"],
  AssignmentPattern: ["left", "right"],
  AwaitExpression: ["argument"],
  BinaryExpression: ["left", "right"],
  BlockStatement: ["body"],
  BreakStatement: ["label"],
  CallExpression: ["callee", "arguments"],
  CatchClause: ["param", "body"],
  ChainExpression: ["expression"],
  ClassBody: ["body"],
  ClassDeclaration: ["id", "superClass", "body"],
  ClassExpression: ["id", "superClass", "body"],
  ConditionalExpression: ["test", "consequent", "alternate"],
  ContinueStatement: ["label"],
  DebuggerStatement: [],
  DoWhileStatement: ["body", "test"],
  EmptyStatement: [],
  ExperimentalRestProperty: ["argument"],
  ExperimentalSpreadProperty: ["argument"],
  ExportAllDeclaration: ["exported", "source", "attributes"],
  ExportDefaultDeclaration: ["declaration"],
  ExportNamedDeclaration: [
    "declaration",
    "specifiers",
    "source",
    "attributes"
  ],
  ExportSpecifier: ["local", "exported"],
  ExpressionStatement: ["expression"],
  ForInStatement: ["left", "right", "body"],
  ForOfStatement: ["left", "right", "body"],
  ForStatement: ["init", "test", "update", "body"],
  FunctionDeclaration: ["id", "params", "body"],
  FunctionExpression: ["id", "params", "body"],
  Identifier: [],
  IfStatement: ["test", "consequent", "alternate"],
  ImportAttribute: ["key", "value"],
  ImportDeclaration: ["specifiers", "source", "attributes"],
  ImportDefaultSpecifier: ["local"],
  ImportExpression: ["source", "options"],
  ImportNamespaceSpecifier: ["local"],
  ImportSpecifier: ["imported", "local"],
  JSXAttribute: ["name", "value"],
  JSXClosingElement: ["name"],
  JSXClosingFragment: [],
  JSXElement: ["openingElement", "children", "closingElement"],
  JSXEmptyExpression: [],
  JSXExpressionContainer: ["expression"],
  JSXFragment: ["openingFragment", "children", "closingFragment"],
  JSXIdentifier: [],
  JSXMemberExpression: ["object", "property"],
  JSXNamespacedName: ["namespace", "name"],
  JSXOpeningElement: ["name", "attributes"],
  JSXOpeningFragment: [],
  JSXSpreadAttribute: ["argument"],
  JSXSpreadChild: ["expression"],
  JSXText: [],
  LabeledStatement: ["label", "body"],
  Literal: [],
  LogicalExpression: ["left", "right"],
  MemberExpression: ["object", "property"],
  MetaProperty: ["meta", "property"],
  MethodDefinition: ["key", "value"],
  NewExpression: ["callee", "arguments"],
  ObjectExpression: ["properties"],
  ObjectPattern: ["properties"],
  PrivateIdentifier: [],
  Program: ["body"],
  Property: ["key", "value"],
  PropertyDefinition: ["key", "value"],
  RestElement: ["argument"],
  ReturnStatement: ["argument"],
  SequenceExpression: ["expressions"],
  SpreadElement: ["argument"],
  StaticBlock: ["body"],
  Super: [],
  SwitchCase: ["test", "consequent"],
  SwitchStatement: ["discriminant", "cases"],
  TaggedTemplateExpression: ["tag", "quasi"],
  TemplateElement: [],
  TemplateLiteral: ["quasis", "expressions"],
  ThisExpression: [],
  ThrowStatement: ["argument"],
  TryStatement: ["block", "handler", "finalizer"],
  UnaryExpression: ["argument"],
  UpdateExpression: ["argument"],
  VariableDeclaration: ["declarations"],
  VariableDeclarator: ["id", "init"],
  WhileStatement: ["test", "body"],
  WithStatement: ["object", "body"],
  YieldExpression: ["argument"]
};
var NODE_TYPES = Object.keys(KEYS);
for (const type of NODE_TYPES) {
  Object.freeze(KEYS[type]);
}
Object.freeze(KEYS);
var visitor_keys_default = KEYS;

// node_modules/toml-eslint-parser/node_modules/eslint-visitor-keys/lib/index.js
function unionWith(additionalKeys) {
  const retv = (
    /** @type {{ [type: string]: ReadonlyArray<string> }} */
    Object.assign({}, visitor_keys_default)
  );
  for (const type of Object.keys(additionalKeys)) {
    if (Object.hasOwn(retv, type)) {
      const keys = new Set(additionalKeys[type]);
      for (const key of retv[type]) {
        keys.add(key);
      }
      retv[type] = Object.freeze(Array.from(keys));
    } else {
      retv[type] = Object.freeze(Array.from(additionalKeys[type]));
    }
  }
  return Object.freeze(retv);
}

// node_modules/toml-eslint-parser/lib/index.mjs
function last(arr) {
  return arr[arr.length - 1] ?? null;
}
function toKeyName(node) {
  return node.type === "TOMLBare" ? node.name : node.value;
}
var TOMLVerImpl = class {
  constructor(major, minor) {
    this.major = major;
    this.minor = minor;
  }
  lt(major, minor) {
    return this.major < major || this.major === major && this.minor < minor;
  }
  gte(major, minor) {
    return this.major > major || this.major === major && this.minor >= minor;
  }
};
var TOML_VERSION_1_0 = new TOMLVerImpl(1, 0);
var TOML_VERSION_1_1 = new TOMLVerImpl(1, 1);
var DEFAULT_TOML_VERSION = TOML_VERSION_1_1;
var SUPPORTED_TOML_VERSIONS = {
  "1.0": TOML_VERSION_1_0,
  "1.0.0": TOML_VERSION_1_0,
  "1.1": TOML_VERSION_1_1,
  "1.1.0": TOML_VERSION_1_1,
  latest: TOML_VERSION_1_1,
  next: TOML_VERSION_1_1
};
function getTOMLVer(v) {
  return v && SUPPORTED_TOML_VERSIONS[v] || DEFAULT_TOML_VERSION;
}
var MESSAGES = {
  "unterminated-string": "Unterminated string constant",
  "unterminated-table-key": "Unterminated table-key",
  "unterminated-array": "Unterminated array",
  "unterminated-inline-table": "Unterminated inline table",
  "missing-key": "Empty bare keys are not allowed",
  "missing-newline": "Must be a newline",
  "missing-equals-sign": "Expected equal (=) token",
  "missing-value": "Unspecified values are invalid",
  "missing-comma": "Expected comma (,) token",
  "dupe-keys": "Defining a key multiple times is invalid",
  "unexpected-char": "Unexpected character",
  "unexpected-token": "Unexpected token",
  "invalid-control-character": "Control characters (codes < 0x1f and 0x7f) are not allowed",
  "invalid-comment-character": "Invalid code point {{cp}} within comments",
  "invalid-key-value-newline": "The key, equals sign, and value must be on the same line",
  "invalid-inline-table-newline": "No newlines are allowed between the curly braces unless they are valid within a value",
  "invalid-underscore": "Underscores are allowed between digits",
  "invalid-space": "Unexpected spaces",
  "invalid-three-quotes": "Three or more quotes are not permitted",
  "invalid-date": "Unexpected invalid date",
  "invalid-time": "Unexpected invalid time",
  "invalid-leading-zero": "Leading zeros are not allowed",
  "invalid-trailing-comma-in-inline-table": "Trailing comma is not permitted in an inline table",
  "invalid-char-in-escape-sequence": "Invalid character in escape sequence",
  "invalid-consecutive-dots-in-key": "Consecutive dots are not permitted in keys",
  "invalid-code-point": "Invalid code point {{cp}}",
  "invalid-trailing-dot-in-key": "Keys cannot end with a dot",
  "invalid-leading-dot-in-key": "Keys cannot start with a dot"
};
function getMessage(code2, data) {
  if (data) return MESSAGES[code2].replace(/\{\{(.*?)\}\}/gu, (_, name$2) => {
    if (name$2 in data) return data[name$2];
    return `{{${name$2}}}`;
  });
  return MESSAGES[code2];
}
var ParseError = class extends SyntaxError {
  /**
  * Initialize this ParseError instance.
  *
  */
  constructor(code2, offset, line, column, data) {
    super(getMessage(code2, data));
    this.index = offset;
    this.lineNumber = line;
    this.column = column;
  }
};
var CodePoint = {
  EOF: -1,
  NULL: 0,
  SOH: 1,
  BACKSPACE: 8,
  TABULATION: 9,
  LINE_FEED: 10,
  FORM_FEED: 12,
  CARRIAGE_RETURN: 13,
  ESCAPE: 27,
  SO: 14,
  US: 31,
  SPACE: 32,
  QUOTATION_MARK: 34,
  HASH: 35,
  SINGLE_QUOTE: 39,
  PLUS_SIGN: 43,
  COMMA: 44,
  DASH: 45,
  DOT: 46,
  DIGIT_0: 48,
  DIGIT_1: 49,
  DIGIT_2: 50,
  DIGIT_3: 51,
  DIGIT_7: 55,
  DIGIT_9: 57,
  COLON: 58,
  EQUALS_SIGN: 61,
  LATIN_CAPITAL_A: 65,
  LATIN_CAPITAL_E: 69,
  LATIN_CAPITAL_F: 70,
  LATIN_CAPITAL_T: 84,
  LATIN_CAPITAL_U: 85,
  LATIN_CAPITAL_Z: 90,
  LEFT_BRACKET: 91,
  BACKSLASH: 92,
  RIGHT_BRACKET: 93,
  UNDERSCORE: 95,
  LATIN_SMALL_A: 97,
  LATIN_SMALL_B: 98,
  LATIN_SMALL_E: 101,
  LATIN_SMALL_F: 102,
  LATIN_SMALL_I: 105,
  LATIN_SMALL_L: 108,
  LATIN_SMALL_N: 110,
  LATIN_SMALL_O: 111,
  LATIN_SMALL_R: 114,
  LATIN_SMALL_S: 115,
  LATIN_SMALL_T: 116,
  LATIN_SMALL_U: 117,
  LATIN_SMALL_X: 120,
  LATIN_SMALL_Z: 122,
  LEFT_BRACE: 123,
  RIGHT_BRACE: 125,
  TILDE: 126,
  DELETE: 127,
  PAD: 128,
  SUPERSCRIPT_TWO: 178,
  SUPERSCRIPT_THREE: 179,
  SUPERSCRIPT_ONE: 185,
  VULGAR_FRACTION_ONE_QUARTER: 188,
  VULGAR_FRACTION_THREE_QUARTERS: 190,
  LATIN_CAPITAL_LETTER_A_WITH_GRAVE: 192,
  LATIN_CAPITAL_LETTER_O_WITH_DIAERESIS: 214,
  LATIN_CAPITAL_LETTER_O_WITH_STROKE: 216,
  LATIN_SMALL_LETTER_O_WITH_DIAERESIS: 246,
  LATIN_SMALL_LETTER_O_WITH_STROKE: 248,
  GREEK_SMALL_REVERSED_DOTTED_LUNATE_SIGMA_SYMBOL: 891,
  GREEK_CAPITAL_LETTER_YOT: 895,
  CP_1FFF: 8191,
  ZERO_WIDTH_NON_JOINER: 8204,
  ZERO_WIDTH_JOINER: 8205,
  UNDERTIE: 8255,
  CHARACTER_TIE: 8256,
  SUPERSCRIPT_ZERO: 8304,
  CP_218F: 8591,
  CIRCLED_DIGIT_ONE: 9312,
  NEGATIVE_CIRCLED_DIGIT_ZERO: 9471,
  GLAGOLITIC_CAPITAL_LETTER_AZU: 11264,
  CP_2FEF: 12271,
  IDEOGRAPHIC_COMMA: 12289,
  CP_D7FF: 55295,
  CP_E000: 57344,
  CJK_COMPATIBILITY_IDEOGRAPH_F900: 63744,
  ARABIC_LIGATURE_SALAAMUHU_ALAYNAA: 64975,
  ARABIC_LIGATURE_SALLA_USED_AS_KORANIC_STOP_SIGN_ISOLATED_FORM: 65008,
  REPLACEMENT_CHARACTER: 65533,
  LINEAR_B_SYLLABLE_B008_A: 65536,
  CP_EFFFF: 983039,
  CP_10FFFF: 1114111
};
function isControl(cp) {
  return cp >= CodePoint.NULL && cp <= CodePoint.US;
}
function isWhitespace(cp) {
  return cp === CodePoint.TABULATION || cp === CodePoint.SPACE;
}
function isEOL(cp) {
  return cp === CodePoint.LINE_FEED || cp === CodePoint.CARRIAGE_RETURN;
}
function isUpperLetter(cp) {
  return cp >= CodePoint.LATIN_CAPITAL_A && cp <= CodePoint.LATIN_CAPITAL_Z;
}
function isLowerLetter(cp) {
  return cp >= CodePoint.LATIN_SMALL_A && cp <= CodePoint.LATIN_SMALL_Z;
}
function isLetter(cp) {
  return isLowerLetter(cp) || isUpperLetter(cp);
}
function isDigit(cp) {
  return cp >= CodePoint.DIGIT_0 && cp <= CodePoint.DIGIT_9;
}
function isHexDig(cp) {
  return isDigit(cp) || cp >= CodePoint.LATIN_SMALL_A && cp <= CodePoint.LATIN_SMALL_F || cp >= CodePoint.LATIN_CAPITAL_A && cp <= CodePoint.LATIN_CAPITAL_F;
}
function isOctalDig(cp) {
  return cp >= CodePoint.DIGIT_0 && cp <= CodePoint.DIGIT_7;
}
function isUnicodeScalarValue(cp) {
  return cp >= 0 && cp <= 55295 || cp >= 57344 && cp <= 1114111;
}
function sortedLastIndex(array, value) {
  let low = 0;
  let high = array.length;
  while (low < high) {
    const mid = low + high >>> 1;
    const val = array[mid];
    if (val === value) return mid + 1;
    if (val < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
var Locations2 = class {
  constructor() {
    this.offsets = [];
  }
  addOffset(offset) {
    for (let i = this.offsets.length - 1; i >= 0; i--) {
      const element = this.offsets[i];
      if (element === offset) return;
      if (element < offset) break;
    }
    this.offsets.push(offset);
  }
  /**
  * Calculate the location of the given index.
  * @param index The index to calculate their location.
  * @returns The location of the index.
  */
  getLocFromIndex(offset) {
    const line = sortedLastIndex(this.offsets, offset) + 1;
    return {
      line,
      column: offset - (line === 1 ? 0 : this.offsets[line - 2])
    };
  }
};
var CodePointIterator = class {
  /**
  * Initialize this char iterator.
  */
  constructor(text2) {
    this.locs = new Locations2();
    this.lastCodePoint = CodePoint.NULL;
    this.start = -1;
    this.end = 0;
    this.text = text2;
  }
  next() {
    if (this.lastCodePoint === CodePoint.EOF) return CodePoint.EOF;
    return this.lastCodePoint = this.moveAt(this.end);
  }
  getLocFromIndex(index) {
    return this.locs.getLocFromIndex(index);
  }
  eat(cp) {
    if (this.text.codePointAt(this.end) === cp) {
      this.next();
      return true;
    }
    return false;
  }
  moveAt(offset) {
    this.start = this.end = offset;
    const cp = this.text.codePointAt(this.start) ?? CodePoint.EOF;
    if (cp === CodePoint.EOF) {
      this.end = this.start;
      return cp;
    }
    this.end += cp >= 65536 ? 2 : 1;
    if (cp === CodePoint.LINE_FEED) this.locs.addOffset(this.end);
    else if (cp === CodePoint.CARRIAGE_RETURN) {
      if (this.text.codePointAt(this.end) === CodePoint.LINE_FEED) {
        this.end++;
        this.locs.addOffset(this.end);
      }
      return CodePoint.LINE_FEED;
    }
    return cp;
  }
};
var HAS_BIGINT = typeof BigInt !== "undefined";
var RADIX_PREFIXES = {
  16: "0x",
  10: "",
  8: "0o",
  2: "0b"
};
var ESCAPES_1_0 = {
  [CodePoint.QUOTATION_MARK]: CodePoint.QUOTATION_MARK,
  [CodePoint.BACKSLASH]: CodePoint.BACKSLASH,
  [CodePoint.LATIN_SMALL_B]: CodePoint.BACKSPACE,
  [CodePoint.LATIN_SMALL_F]: CodePoint.FORM_FEED,
  [CodePoint.LATIN_SMALL_N]: CodePoint.LINE_FEED,
  [CodePoint.LATIN_SMALL_R]: CodePoint.CARRIAGE_RETURN,
  [CodePoint.LATIN_SMALL_T]: CodePoint.TABULATION
};
var ESCAPES_LATEST = {
  ...ESCAPES_1_0,
  [CodePoint.LATIN_SMALL_E]: CodePoint.ESCAPE
};
var Tokenizer = class {
  /**
  * Initialize this tokenizer.
  */
  constructor(text2, parserOptions) {
    this.backCode = false;
    this.lastCodePoint = CodePoint.NULL;
    this.state = "DATA";
    this.token = null;
    this.tokenStart = -1;
    this.valuesEnabled = false;
    this.text = text2;
    this.parserOptions = parserOptions || {};
    this.codePointIterator = new CodePointIterator(text2);
    this.tomlVersion = getTOMLVer(this.parserOptions.tomlVersion);
    this.ESCAPES = this.tomlVersion.gte(1, 1) ? ESCAPES_LATEST : ESCAPES_1_0;
  }
  get start() {
    return this.codePointIterator.start;
  }
  get end() {
    return this.codePointIterator.end;
  }
  getLocFromIndex(index) {
    return this.codePointIterator.getLocFromIndex(index);
  }
  /**
  * Report an invalid character error.
  */
  reportParseError(code2, data) {
    const offset = this.codePointIterator.start;
    const loc = this.codePointIterator.getLocFromIndex(offset);
    throw new ParseError(code2, offset, loc.line, loc.column, data);
  }
  /**
  * Get the next token.
  */
  nextToken() {
    let token = this.token;
    if (token != null) {
      this.token = null;
      return token;
    }
    let cp = this.lastCodePoint;
    while (cp !== CodePoint.EOF && !this.token) {
      cp = this.nextCode();
      const nextState = this[this.state](cp);
      if (!nextState) throw new Error(`Unknown error: pre state=${this.state}`);
      this.state = nextState;
    }
    token = this.token;
    this.token = null;
    return token;
  }
  /**
  * Get the next code point.
  */
  nextCode() {
    if (this.lastCodePoint === CodePoint.EOF) return CodePoint.EOF;
    if (this.backCode) {
      this.backCode = false;
      return this.lastCodePoint;
    }
    return this.lastCodePoint = this.codePointIterator.next();
  }
  /**
  * Eat the next code point.
  */
  eatCode(cp) {
    if (this.lastCodePoint === CodePoint.EOF) return false;
    if (this.backCode) {
      if (this.lastCodePoint === cp) {
        this.backCode = false;
        return true;
      }
      return false;
    }
    return this.codePointIterator.eat(cp);
  }
  /**
  * Moves the character position to the given position.
  */
  moveAt(loc) {
    if (this.backCode) this.backCode = false;
    this.lastCodePoint = this.codePointIterator.moveAt(loc);
  }
  /**
  * Back the current code point as the given state.
  */
  back(state) {
    this.backCode = true;
    return state;
  }
  punctuatorToken() {
    this.startToken();
    this.endToken("Punctuator", "end");
  }
  startToken() {
    this.tokenStart = this.codePointIterator.start;
  }
  /**
  * Commit the current token.
  */
  endToken(type, pos, option1, option2) {
    const { tokenStart } = this;
    const end = this.codePointIterator[pos];
    const range = [tokenStart, end];
    const loc = {
      start: this.codePointIterator.getLocFromIndex(tokenStart),
      end: this.codePointIterator.getLocFromIndex(end)
    };
    if (type === "Block") this.token = {
      type,
      value: this.text.slice(tokenStart + 1, end),
      range,
      loc
    };
    else {
      let token;
      const value = this.text.slice(tokenStart, end);
      if (type === "BasicString" || type === "LiteralString" || type === "MultiLineBasicString" || type === "MultiLineLiteralString") token = {
        type,
        value,
        string: option1,
        range,
        loc
      };
      else if (type === "Integer") {
        const text2 = option1;
        token = {
          type,
          value,
          number: parseInt(text2, option2),
          bigint: HAS_BIGINT ? BigInt(RADIX_PREFIXES[option2] + text2) : null,
          range,
          loc
        };
      } else if (type === "Float") token = {
        type,
        value,
        number: option1,
        range,
        loc
      };
      else if (type === "Boolean") token = {
        type,
        value,
        boolean: option1,
        range,
        loc
      };
      else if (type === "LocalDate" || type === "LocalTime" || type === "LocalDateTime" || type === "OffsetDateTime") token = {
        type,
        value,
        date: option1,
        range,
        loc
      };
      else token = {
        type,
        value,
        range,
        loc
      };
      this.token = token;
    }
  }
  DATA(cp) {
    while (isWhitespace(cp) || isEOL(cp)) cp = this.nextCode();
    if (cp === CodePoint.HASH) {
      this.startToken();
      return "COMMENT";
    }
    if (cp === CodePoint.QUOTATION_MARK) {
      this.startToken();
      return "BASIC_STRING";
    }
    if (cp === CodePoint.SINGLE_QUOTE) {
      this.startToken();
      return "LITERAL_STRING";
    }
    if (cp === CodePoint.DOT || cp === CodePoint.EQUALS_SIGN || cp === CodePoint.LEFT_BRACKET || cp === CodePoint.RIGHT_BRACKET || cp === CodePoint.LEFT_BRACE || cp === CodePoint.RIGHT_BRACE || cp === CodePoint.COMMA) {
      this.punctuatorToken();
      return "DATA";
    }
    if (this.valuesEnabled) {
      if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
        this.startToken();
        return "SIGN";
      }
      if (cp === CodePoint.LATIN_SMALL_N || cp === CodePoint.LATIN_SMALL_I) {
        this.startToken();
        return this.back("NAN_OR_INF");
      }
      if (isDigit(cp)) {
        this.startToken();
        return this.back("NUMBER");
      }
      if (cp === CodePoint.LATIN_SMALL_T || cp === CodePoint.LATIN_SMALL_F) {
        this.startToken();
        return this.back("BOOLEAN");
      }
    } else if (isUnquotedKeyChar(cp, this.tomlVersion)) {
      this.startToken();
      return "BARE";
    }
    if (cp === CodePoint.EOF) return "DATA";
    return this.reportParseError("unexpected-char");
  }
  COMMENT(cp) {
    const processCommentChar = this.tomlVersion.gte(1, 1) ? (c) => {
      if (!isNonEOL(c)) this.reportParseError("invalid-comment-character", { cp: JSON.stringify(String.fromCodePoint(c)).slice(1, -1) });
    } : (c) => {
      if (isControlOtherThanTab(c)) this.reportParseErrorControlChar();
    };
    while (!isEOL(cp) && cp !== CodePoint.EOF) {
      processCommentChar(cp);
      cp = this.nextCode();
    }
    this.endToken("Block", "start");
    return "DATA";
  }
  BARE(cp) {
    while (isUnquotedKeyChar(cp, this.tomlVersion)) cp = this.nextCode();
    this.endToken("Bare", "start");
    return this.back("DATA");
  }
  BASIC_STRING(cp) {
    if (cp === CodePoint.QUOTATION_MARK) {
      cp = this.nextCode();
      if (cp === CodePoint.QUOTATION_MARK) return "MULTI_LINE_BASIC_STRING";
      this.endToken("BasicString", "start", "");
      return this.back("DATA");
    }
    const out = [];
    while (cp !== CodePoint.QUOTATION_MARK && cp !== CodePoint.EOF && cp !== CodePoint.LINE_FEED) {
      if (isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
      if (cp === CodePoint.BACKSLASH) {
        cp = this.nextCode();
        const ecp = this.ESCAPES[cp];
        if (ecp) {
          out.push(ecp);
          cp = this.nextCode();
          continue;
        } else if (cp === CodePoint.LATIN_SMALL_U) {
          const code2 = this.parseUnicode(4);
          out.push(code2);
          cp = this.nextCode();
          continue;
        } else if (cp === CodePoint.LATIN_CAPITAL_U) {
          const code2 = this.parseUnicode(8);
          out.push(code2);
          cp = this.nextCode();
          continue;
        } else if (cp === CodePoint.LATIN_SMALL_X && this.tomlVersion.gte(1, 1)) {
          const code2 = this.parseUnicode(2);
          out.push(code2);
          cp = this.nextCode();
          continue;
        }
        return this.reportParseError("invalid-char-in-escape-sequence");
      }
      out.push(cp);
      cp = this.nextCode();
    }
    if (cp !== CodePoint.QUOTATION_MARK) return this.reportParseError("unterminated-string");
    this.endToken("BasicString", "end", String.fromCodePoint(...out));
    return "DATA";
  }
  MULTI_LINE_BASIC_STRING(cp) {
    const out = [];
    if (cp === CodePoint.LINE_FEED) cp = this.nextCode();
    while (cp !== CodePoint.EOF) {
      if (cp !== CodePoint.LINE_FEED && isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
      if (cp === CodePoint.QUOTATION_MARK) {
        const startPos = this.codePointIterator.start;
        if (this.eatCode(CodePoint.QUOTATION_MARK) && this.eatCode(CodePoint.QUOTATION_MARK)) {
          if (this.eatCode(CodePoint.QUOTATION_MARK)) {
            out.push(CodePoint.QUOTATION_MARK);
            if (this.eatCode(CodePoint.QUOTATION_MARK)) {
              out.push(CodePoint.QUOTATION_MARK);
              if (this.eatCode(CodePoint.QUOTATION_MARK)) {
                this.moveAt(startPos);
                return this.reportParseError("invalid-three-quotes");
              }
            }
          }
          this.endToken("MultiLineBasicString", "end", String.fromCodePoint(...out));
          return "DATA";
        }
        this.moveAt(startPos);
      }
      if (cp === CodePoint.BACKSLASH) {
        cp = this.nextCode();
        const ecp = this.ESCAPES[cp];
        if (ecp) {
          out.push(ecp);
          cp = this.nextCode();
          continue;
        } else if (cp === CodePoint.LATIN_SMALL_U) {
          const code2 = this.parseUnicode(4);
          out.push(code2);
          cp = this.nextCode();
          continue;
        } else if (cp === CodePoint.LATIN_CAPITAL_U) {
          const code2 = this.parseUnicode(8);
          out.push(code2);
          cp = this.nextCode();
          continue;
        } else if (cp === CodePoint.LATIN_SMALL_X && this.tomlVersion.gte(1, 1)) {
          const code2 = this.parseUnicode(2);
          out.push(code2);
          cp = this.nextCode();
          continue;
        } else if (cp === CodePoint.LINE_FEED) {
          cp = this.nextCode();
          while (isWhitespace(cp) || cp === CodePoint.LINE_FEED) cp = this.nextCode();
          continue;
        } else if (isWhitespace(cp)) {
          let valid = true;
          const startPos = this.codePointIterator.start;
          let nextCp;
          while ((nextCp = this.nextCode()) !== CodePoint.EOF) {
            if (nextCp === CodePoint.LINE_FEED) break;
            if (!isWhitespace(nextCp)) {
              this.moveAt(startPos);
              valid = false;
              break;
            }
          }
          if (valid) {
            cp = this.nextCode();
            while (isWhitespace(cp) || cp === CodePoint.LINE_FEED) cp = this.nextCode();
            continue;
          }
        }
        return this.reportParseError("invalid-char-in-escape-sequence");
      }
      out.push(cp);
      cp = this.nextCode();
    }
    return this.reportParseError("unterminated-string");
  }
  LITERAL_STRING(cp) {
    if (cp === CodePoint.SINGLE_QUOTE) {
      cp = this.nextCode();
      if (cp === CodePoint.SINGLE_QUOTE) return "MULTI_LINE_LITERAL_STRING";
      this.endToken("LiteralString", "start", "");
      return this.back("DATA");
    }
    const out = [];
    while (cp !== CodePoint.SINGLE_QUOTE && cp !== CodePoint.EOF && cp !== CodePoint.LINE_FEED) {
      if (isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
      out.push(cp);
      cp = this.nextCode();
    }
    if (cp !== CodePoint.SINGLE_QUOTE) return this.reportParseError("unterminated-string");
    this.endToken("LiteralString", "end", String.fromCodePoint(...out));
    return "DATA";
  }
  MULTI_LINE_LITERAL_STRING(cp) {
    const out = [];
    if (cp === CodePoint.LINE_FEED) cp = this.nextCode();
    while (cp !== CodePoint.EOF) {
      if (cp !== CodePoint.LINE_FEED && isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
      if (cp === CodePoint.SINGLE_QUOTE) {
        const startPos = this.codePointIterator.start;
        if (this.eatCode(CodePoint.SINGLE_QUOTE) && this.eatCode(CodePoint.SINGLE_QUOTE)) {
          if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
            out.push(CodePoint.SINGLE_QUOTE);
            if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
              out.push(CodePoint.SINGLE_QUOTE);
              if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
                this.moveAt(startPos);
                return this.reportParseError("invalid-three-quotes");
              }
            }
          }
          this.endToken("MultiLineLiteralString", "end", String.fromCodePoint(...out));
          return "DATA";
        }
        this.moveAt(startPos);
      }
      out.push(cp);
      cp = this.nextCode();
    }
    return this.reportParseError("unterminated-string");
  }
  SIGN(cp) {
    if (cp === CodePoint.LATIN_SMALL_N || cp === CodePoint.LATIN_SMALL_I) return this.back("NAN_OR_INF");
    if (isDigit(cp)) return this.back("NUMBER");
    return this.reportParseError("unexpected-char");
  }
  NAN_OR_INF(cp) {
    if (cp === CodePoint.LATIN_SMALL_N) {
      const startPos = this.codePointIterator.start;
      if (this.eatCode(CodePoint.LATIN_SMALL_A) && this.eatCode(CodePoint.LATIN_SMALL_N)) {
        this.endToken("Float", "end", NaN);
        return "DATA";
      }
      this.moveAt(startPos);
    } else if (cp === CodePoint.LATIN_SMALL_I) {
      const startPos = this.codePointIterator.start;
      if (this.eatCode(CodePoint.LATIN_SMALL_N) && this.eatCode(CodePoint.LATIN_SMALL_F)) {
        this.endToken("Float", "end", this.text[this.tokenStart] === "-" ? -Infinity : Infinity);
        return "DATA";
      }
      this.moveAt(startPos);
    }
    return this.reportParseError("unexpected-char");
  }
  NUMBER(cp) {
    const start2 = this.text[this.tokenStart];
    const sign = start2 === "+" ? CodePoint.PLUS_SIGN : start2 === "-" ? CodePoint.DASH : CodePoint.NULL;
    if (cp === CodePoint.DIGIT_0) {
      if (sign === CodePoint.NULL) {
        const startPos = this.codePointIterator.start;
        const nextCp$1 = this.nextCode();
        if (isDigit(nextCp$1)) {
          const nextNextCp = this.nextCode();
          if (nextNextCp === CodePoint.COLON) {
            this.data = {
              hasDate: false,
              year: 0,
              month: 0,
              day: 0,
              hour: Number(String.fromCodePoint(CodePoint.DIGIT_0, nextCp$1)),
              minute: 0,
              second: 0
            };
            return "TIME_MINUTE";
          }
          if (isDigit(nextNextCp)) {
            const nextNextNextCp = this.nextCode();
            if (isDigit(nextNextNextCp) && this.eatCode(CodePoint.DASH)) {
              this.data = {
                hasDate: true,
                year: Number(String.fromCodePoint(CodePoint.DIGIT_0, nextCp$1, nextNextCp, nextNextNextCp)),
                month: 0,
                day: 0,
                hour: 0,
                minute: 0,
                second: 0
              };
              return "DATE_MONTH";
            }
          }
          this.moveAt(startPos);
          return this.reportParseError("invalid-leading-zero");
        }
        this.moveAt(startPos);
      }
      cp = this.nextCode();
      if (cp === CodePoint.LATIN_SMALL_X || cp === CodePoint.LATIN_SMALL_O || cp === CodePoint.LATIN_SMALL_B) {
        if (sign !== CodePoint.NULL) return this.reportParseError("unexpected-char");
        return cp === CodePoint.LATIN_SMALL_X ? "HEX" : cp === CodePoint.LATIN_SMALL_O ? "OCTAL" : "BINARY";
      }
      if (cp === CodePoint.LATIN_SMALL_E || cp === CodePoint.LATIN_CAPITAL_E) {
        this.data = {
          minus: sign === CodePoint.DASH,
          left: [CodePoint.DIGIT_0]
        };
        return "EXPONENT_RIGHT";
      }
      if (cp === CodePoint.DOT) {
        this.data = {
          minus: sign === CodePoint.DASH,
          absInt: [CodePoint.DIGIT_0]
        };
        return "FRACTIONAL_RIGHT";
      }
      this.endToken("Integer", "start", "0", 10);
      return this.back("DATA");
    }
    const { out, nextCp, hasUnderscore } = this.parseDigits(cp, isDigit);
    if (nextCp === CodePoint.DASH && sign === CodePoint.NULL && !hasUnderscore && out.length === 4) {
      this.data = {
        hasDate: true,
        year: Number(String.fromCodePoint(...out)),
        month: 0,
        day: 0,
        hour: 0,
        minute: 0,
        second: 0
      };
      return "DATE_MONTH";
    }
    if (nextCp === CodePoint.COLON && sign === CodePoint.NULL && !hasUnderscore && out.length === 2) {
      this.data = {
        hasDate: false,
        year: 0,
        month: 0,
        day: 0,
        hour: Number(String.fromCodePoint(...out)),
        minute: 0,
        second: 0
      };
      return "TIME_MINUTE";
    }
    if (nextCp === CodePoint.LATIN_SMALL_E || nextCp === CodePoint.LATIN_CAPITAL_E) {
      this.data = {
        minus: sign === CodePoint.DASH,
        left: out
      };
      return "EXPONENT_RIGHT";
    }
    if (nextCp === CodePoint.DOT) {
      this.data = {
        minus: sign === CodePoint.DASH,
        absInt: out
      };
      return "FRACTIONAL_RIGHT";
    }
    this.endToken("Integer", "start", sign === CodePoint.DASH ? String.fromCodePoint(CodePoint.DASH, ...out) : String.fromCodePoint(...out), 10);
    return this.back("DATA");
  }
  HEX(cp) {
    const { out } = this.parseDigits(cp, isHexDig);
    this.endToken("Integer", "start", String.fromCodePoint(...out), 16);
    return this.back("DATA");
  }
  OCTAL(cp) {
    const { out } = this.parseDigits(cp, isOctalDig);
    this.endToken("Integer", "start", String.fromCodePoint(...out), 8);
    return this.back("DATA");
  }
  BINARY(cp) {
    const { out } = this.parseDigits(cp, (c) => c === CodePoint.DIGIT_0 || c === CodePoint.DIGIT_1);
    this.endToken("Integer", "start", String.fromCodePoint(...out), 2);
    return this.back("DATA");
  }
  FRACTIONAL_RIGHT(cp) {
    const { minus, absInt } = this.data;
    const { out, nextCp } = this.parseDigits(cp, isDigit);
    const absNum = [
      ...absInt,
      CodePoint.DOT,
      ...out
    ];
    if (nextCp === CodePoint.LATIN_SMALL_E || nextCp === CodePoint.LATIN_CAPITAL_E) {
      this.data = {
        minus,
        left: absNum
      };
      return "EXPONENT_RIGHT";
    }
    const value = Number(minus ? String.fromCodePoint(CodePoint.DASH, ...absNum) : String.fromCodePoint(...absNum));
    this.endToken("Float", "start", value);
    return this.back("DATA");
  }
  EXPONENT_RIGHT(cp) {
    const { left, minus: leftMinus } = this.data;
    let minus = false;
    if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
      minus = cp === CodePoint.DASH;
      cp = this.nextCode();
    }
    const { out } = this.parseDigits(cp, isDigit);
    const right = out;
    if (minus) right.unshift(CodePoint.DASH);
    const value = Number(leftMinus ? String.fromCodePoint(CodePoint.DASH, ...left, CodePoint.LATIN_SMALL_E, ...right) : String.fromCodePoint(...left, CodePoint.LATIN_SMALL_E, ...right));
    this.endToken("Float", "start", value);
    return this.back("DATA");
  }
  BOOLEAN(cp) {
    if (cp === CodePoint.LATIN_SMALL_T) {
      const startPos = this.codePointIterator.start;
      if (this.eatCode(CodePoint.LATIN_SMALL_R) && this.eatCode(CodePoint.LATIN_SMALL_U) && this.eatCode(CodePoint.LATIN_SMALL_E)) {
        this.endToken("Boolean", "end", true);
        return "DATA";
      }
      this.moveAt(startPos);
    } else if (cp === CodePoint.LATIN_SMALL_F) {
      const startPos = this.codePointIterator.start;
      if (this.eatCode(CodePoint.LATIN_SMALL_A) && this.eatCode(CodePoint.LATIN_SMALL_L) && this.eatCode(CodePoint.LATIN_SMALL_S) && this.eatCode(CodePoint.LATIN_SMALL_E)) {
        this.endToken("Boolean", "end", false);
        return "DATA";
      }
      this.moveAt(startPos);
    }
    return this.reportParseError("unexpected-char");
  }
  DATE_MONTH(cp) {
    const start2 = this.codePointIterator.start;
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (cp !== CodePoint.DASH) return this.reportParseError("unexpected-char");
    const end = this.codePointIterator.start;
    const data = this.data;
    data.month = Number(this.text.slice(start2, end));
    return "DATE_DAY";
  }
  DATE_DAY(cp) {
    const start2 = this.codePointIterator.start;
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    const end = this.codePointIterator.end;
    const data = this.data;
    data.day = Number(this.text.slice(start2, end));
    if (!isValidDate(data.year, data.month, data.day)) return this.reportParseError("invalid-date");
    cp = this.nextCode();
    if (cp === CodePoint.LATIN_CAPITAL_T || cp === CodePoint.LATIN_SMALL_T) return "TIME_HOUR";
    if (cp === CodePoint.SPACE) {
      const startPos = this.codePointIterator.start;
      if (isDigit(this.nextCode()) && isDigit(this.nextCode())) {
        this.moveAt(startPos);
        return "TIME_HOUR";
      }
      this.moveAt(startPos);
    }
    const dateValue = getDateFromDateTimeData(data, "");
    this.endToken("LocalDate", "start", dateValue);
    return this.back("DATA");
  }
  TIME_HOUR(cp) {
    const start2 = this.codePointIterator.start;
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (cp !== CodePoint.COLON) return this.reportParseError("unexpected-char");
    const end = this.codePointIterator.start;
    const data = this.data;
    data.hour = Number(this.text.slice(start2, end));
    return "TIME_MINUTE";
  }
  TIME_MINUTE(cp) {
    const start2 = this.codePointIterator.start;
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    const end = this.codePointIterator.end;
    const data = this.data;
    data.minute = Number(this.text.slice(start2, end));
    cp = this.nextCode();
    if (cp === CodePoint.COLON) return "TIME_SECOND";
    if (this.tomlVersion.lt(1, 1)) return this.reportParseError("unexpected-char");
    if (!isValidTime(data.hour, data.minute, data.second)) return this.reportParseError("invalid-time");
    return this.processTimeEnd(cp, data);
  }
  TIME_SECOND(cp) {
    const start2 = this.codePointIterator.start;
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    const end = this.codePointIterator.end;
    const data = this.data;
    data.second = Number(this.text.slice(start2, end));
    if (!isValidTime(data.hour, data.minute, data.second)) return this.reportParseError("invalid-time");
    cp = this.nextCode();
    if (cp === CodePoint.DOT) return "TIME_SEC_FRAC";
    return this.processTimeEnd(cp, data);
  }
  TIME_SEC_FRAC(cp) {
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    const start2 = this.codePointIterator.start;
    while (isDigit(cp)) cp = this.nextCode();
    const end = this.codePointIterator.start;
    const data = this.data;
    data.frac = this.text.slice(start2, end);
    return this.processTimeEnd(cp, data);
  }
  processTimeEnd(cp, data) {
    if (data.hasDate) {
      if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
        data.offsetSign = cp;
        return "TIME_OFFSET";
      }
      if (cp === CodePoint.LATIN_CAPITAL_Z || cp === CodePoint.LATIN_SMALL_Z) {
        const dateValue$2 = getDateFromDateTimeData(data, "Z");
        this.endToken("OffsetDateTime", "end", dateValue$2);
        return "DATA";
      }
      const dateValue$1 = getDateFromDateTimeData(data, "");
      this.endToken("LocalDateTime", "start", dateValue$1);
      return this.back("DATA");
    }
    const dateValue = getDateFromDateTimeData(data, "");
    this.endToken("LocalTime", "start", dateValue);
    return this.back("DATA");
  }
  TIME_OFFSET(cp) {
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    const hourStart = this.codePointIterator.start;
    cp = this.nextCode();
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (cp !== CodePoint.COLON) return this.reportParseError("unexpected-char");
    const hourEnd = this.codePointIterator.start;
    cp = this.nextCode();
    const minuteStart = this.codePointIterator.start;
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    cp = this.nextCode();
    if (!isDigit(cp)) return this.reportParseError("unexpected-char");
    const minuteEnd = this.codePointIterator.end;
    const hour = Number(this.text.slice(hourStart, hourEnd));
    const minute = Number(this.text.slice(minuteStart, minuteEnd));
    if (!isValidTime(hour, minute, 0)) return this.reportParseError("invalid-time");
    const data = this.data;
    const dateValue = getDateFromDateTimeData(data, `${String.fromCodePoint(data.offsetSign)}${padStart(hour, 2)}:${padStart(minute, 2)}`);
    this.endToken("OffsetDateTime", "end", dateValue);
    return "DATA";
  }
  parseDigits(cp, checkDigit) {
    if (cp === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
    if (!checkDigit(cp)) return this.reportParseError("unexpected-char");
    const out = [];
    let before = CodePoint.NULL;
    let hasUnderscore = false;
    while (checkDigit(cp) || cp === CodePoint.UNDERSCORE) {
      if (cp === CodePoint.UNDERSCORE) {
        hasUnderscore = true;
        if (before === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
      } else out.push(cp);
      before = cp;
      cp = this.nextCode();
    }
    if (before === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
    return {
      out,
      nextCp: cp,
      hasUnderscore
    };
  }
  parseUnicode(count) {
    const startLoc = this.codePointIterator.start;
    const start2 = this.codePointIterator.end;
    let charCount = 0;
    let cp;
    while ((cp = this.nextCode()) !== CodePoint.EOF) {
      if (!isHexDig(cp)) {
        this.moveAt(startLoc);
        return this.reportParseError("invalid-char-in-escape-sequence");
      }
      charCount++;
      if (charCount >= count) break;
    }
    const end = this.codePointIterator.end;
    const code2 = this.text.slice(start2, end);
    const codePoint = parseInt(code2, 16);
    if (!isUnicodeScalarValue(codePoint)) return this.reportParseError("invalid-code-point", { cp: code2 });
    return codePoint;
  }
  reportParseErrorControlChar() {
    return this.reportParseError("invalid-control-character");
  }
};
function isUnquotedKeyChar(cp, tomlVersion) {
  if (isLetter(cp) || isDigit(cp) || cp === CodePoint.UNDERSCORE || cp === CodePoint.DASH) return true;
  if (tomlVersion.lt(1, 1)) return false;
  return false;
}
function isControlOtherThanTab(cp) {
  return isControl(cp) && cp !== CodePoint.TABULATION || cp === CodePoint.DELETE;
}
function isNonEOL(cp) {
  return cp === CodePoint.TABULATION || CodePoint.SPACE <= cp && cp <= CodePoint.TILDE || isNonAscii(cp);
}
function isNonAscii(cp) {
  return CodePoint.PAD <= cp && cp <= CodePoint.CP_D7FF || CodePoint.CP_E000 <= cp && cp <= CodePoint.CP_10FFFF;
}
function isValidDate(y, m, d) {
  if (y >= 0 && m <= 12 && m >= 1 && d >= 1) return d <= (m === 2 ? y & 3 || !(y % 25) && y & 15 ? 28 : 29 : 30 + (m + (m >> 3) & 1));
  return false;
}
function isValidTime(h, m, s) {
  if (h >= 24 || h < 0 || m > 59 || m < 0 || s > 60 || s < 0) return false;
  return true;
}
function getDateFromDateTimeData(data, timeZone) {
  const year = padStart(data.year, 4);
  const month = data.month ? padStart(data.month, 2) : "01";
  const day = data.day ? padStart(data.day, 2) : "01";
  const hour = padStart(data.hour, 2);
  const minute = padStart(data.minute, 2);
  const second = padStart(data.second, 2);
  const textDate = `${year}-${month}-${day}`;
  const frac = data.frac ? `.${data.frac}` : "";
  const dateValue = /* @__PURE__ */ new Date(`${textDate}T${hour}:${minute}:${second}${frac}${timeZone}`);
  if (!isNaN(dateValue.getTime()) || data.second !== 60) return dateValue;
  return /* @__PURE__ */ new Date(`${textDate}T${hour}:${minute}:59${frac}${timeZone}`);
}
function padStart(num, maxLength) {
  return String(num).padStart(maxLength, "0");
}
var VALUE_KIND_VALUE = /* @__PURE__ */ Symbol("VALUE_KIND_VALUE");
var VALUE_KIND_INTERMEDIATE = /* @__PURE__ */ Symbol("VALUE_KIND_INTERMEDIATE");
var KeysResolver = class {
  constructor(ctx) {
    this.rootKeys = /* @__PURE__ */ new Map();
    this.tables = [];
    this.ctx = ctx;
  }
  applyResolveKeyForTable(node) {
    let keys = this.rootKeys;
    const peekKeyIndex = node.key.keys.length - 1;
    for (let index = 0; index < peekKeyIndex; index++) {
      const keyNode = node.key.keys[index];
      const keyName2 = toKeyName(keyNode);
      node.resolvedKey.push(keyName2);
      let keyStore = keys.get(keyName2);
      if (!keyStore) {
        keyStore = {
          node: keyNode,
          keys: /* @__PURE__ */ new Map()
        };
        keys.set(keyName2, keyStore);
      } else if (keyStore.table === "array") {
        const peekIndex = keyStore.peekIndex;
        node.resolvedKey.push(peekIndex);
        keyStore = keyStore.keys.get(peekIndex);
      }
      keys = keyStore.keys;
    }
    const lastKeyNode = node.key.keys[peekKeyIndex];
    const lastKeyName = toKeyName(lastKeyNode);
    node.resolvedKey.push(lastKeyName);
    const lastKeyStore = keys.get(lastKeyName);
    if (!lastKeyStore) if (node.kind === "array") {
      node.resolvedKey.push(0);
      const newKeyStore = {
        node: lastKeyNode,
        keys: /* @__PURE__ */ new Map()
      };
      keys.set(lastKeyName, {
        table: node.kind,
        node: lastKeyNode,
        keys: /* @__PURE__ */ new Map([[0, newKeyStore]]),
        peekIndex: 0
      });
      this.tables.push({
        node,
        keys: newKeyStore.keys
      });
    } else {
      const newKeyStore = {
        table: node.kind,
        node: lastKeyNode,
        keys: /* @__PURE__ */ new Map()
      };
      keys.set(lastKeyName, newKeyStore);
      this.tables.push({
        node,
        keys: newKeyStore.keys
      });
    }
    else if (!lastKeyStore.table) if (node.kind === "array") this.ctx.reportParseError("dupe-keys", lastKeyNode);
    else {
      const transformKey = {
        table: node.kind,
        node: lastKeyNode,
        keys: lastKeyStore.keys
      };
      keys.set(lastKeyName, transformKey);
      this.tables.push({
        node,
        keys: transformKey.keys
      });
    }
    else if (lastKeyStore.table === "array") if (node.kind === "array") {
      const newKeyStore = {
        node: lastKeyNode,
        keys: /* @__PURE__ */ new Map()
      };
      const newIndex = lastKeyStore.peekIndex + 1;
      node.resolvedKey.push(newIndex);
      lastKeyStore.keys.set(newIndex, newKeyStore);
      lastKeyStore.peekIndex = newIndex;
      this.tables.push({
        node,
        keys: newKeyStore.keys
      });
    } else this.ctx.reportParseError("dupe-keys", lastKeyNode);
    else this.ctx.reportParseError("dupe-keys", lastKeyNode);
  }
  verifyDuplicateKeys(node) {
    for (const body of node.body) if (body.type === "TOMLKeyValue") verifyDuplicateKeysForKeyValue(this.ctx, this.rootKeys, body);
    for (const { node: tableNode, keys } of this.tables) for (const body of tableNode.body) verifyDuplicateKeysForKeyValue(this.ctx, keys, body);
  }
};
function verifyDuplicateKeysForKeyValue(ctx, defineKeys, node) {
  let keys = defineKeys;
  const lastKey = last(node.key.keys);
  for (const keyNode of node.key.keys) {
    const key = toKeyName(keyNode);
    let defineKey = keys.get(key);
    if (defineKey) {
      if (defineKey.value === VALUE_KIND_VALUE) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
      else if (lastKey === keyNode) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
      else if (defineKey.table) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
      defineKey.value = VALUE_KIND_INTERMEDIATE;
    } else {
      if (lastKey === keyNode) defineKey = {
        value: VALUE_KIND_VALUE,
        node: keyNode,
        keys: /* @__PURE__ */ new Map()
      };
      else defineKey = {
        value: VALUE_KIND_INTERMEDIATE,
        node: keyNode,
        keys: /* @__PURE__ */ new Map()
      };
      keys.set(key, defineKey);
    }
    keys = defineKey.keys;
  }
  if (node.value.type === "TOMLInlineTable") verifyDuplicateKeysForInlineTable(ctx, keys, node.value);
  else if (node.value.type === "TOMLArray") verifyDuplicateKeysForArray(ctx, keys, node.value);
}
function verifyDuplicateKeysForInlineTable(ctx, defineKeys, node) {
  for (const body of node.body) verifyDuplicateKeysForKeyValue(ctx, defineKeys, body);
}
function verifyDuplicateKeysForArray(ctx, defineKeys, node) {
  const keys = defineKeys;
  for (let index = 0; index < node.elements.length; index++) {
    const element = node.elements[index];
    let defineKey = keys.get(index);
    if (defineKey) ctx.reportParseError("dupe-keys", getAfterNode(element, defineKey.node));
    else {
      defineKey = {
        value: VALUE_KIND_VALUE,
        node: element,
        keys: /* @__PURE__ */ new Map()
      };
      defineKeys.set(index, defineKey);
      if (element.type === "TOMLInlineTable") verifyDuplicateKeysForInlineTable(ctx, defineKey.keys, element);
      else if (element.type === "TOMLArray") verifyDuplicateKeysForArray(ctx, defineKey.keys, element);
    }
  }
}
function getAfterNode(a, b) {
  return a.range[0] <= b.range[0] ? b : a;
}
var Context = class {
  constructor(data) {
    this.tokens = [];
    this.comments = [];
    this.back = null;
    this.stateStack = [];
    this.needNewLine = false;
    this.needSameLine = false;
    this.currToken = null;
    this.prevToken = null;
    this.valueContainerStack = [];
    this.tokenizer = new Tokenizer(data.text, data.parserOptions);
    this.topLevelTable = data.topLevelTable;
    this.table = data.topLevelTable;
    this.keysResolver = new KeysResolver(this);
  }
  /**
  * Get the next token.
  */
  nextToken(option) {
    this.prevToken = this.currToken;
    if (this.back) {
      this.currToken = this.back;
      this.back = null;
    } else this.currToken = this._nextTokenFromTokenizer(option);
    if ((this.needNewLine || this.needSameLine || option?.needSameLine) && this.prevToken && this.currToken) if (this.prevToken.loc.end.line === this.currToken.loc.start.line) {
      if (this.needNewLine) return this.reportParseError("missing-newline", this.currToken);
    } else {
      const needSameLine = this.needSameLine || option?.needSameLine;
      if (needSameLine) return this.reportParseError(needSameLine, this.currToken);
    }
    this.needNewLine = false;
    this.needSameLine = false;
    return this.currToken;
  }
  _nextTokenFromTokenizer(option) {
    const valuesEnabled = this.tokenizer.valuesEnabled;
    if (option?.valuesEnabled) this.tokenizer.valuesEnabled = option.valuesEnabled;
    let token = this.tokenizer.nextToken();
    while (token && token.type === "Block") {
      this.comments.push(token);
      token = this.tokenizer.nextToken();
    }
    if (token) this.tokens.push(token);
    this.tokenizer.valuesEnabled = valuesEnabled;
    return token;
  }
  backToken() {
    if (this.back) throw new Error("Illegal state");
    this.back = this.currToken;
    this.currToken = this.prevToken;
  }
  addValueContainer(valueContainer) {
    this.valueContainerStack.push(valueContainer);
    this.tokenizer.valuesEnabled = true;
  }
  consumeValueContainer() {
    const valueContainer = this.valueContainerStack.pop();
    this.tokenizer.valuesEnabled = this.valueContainerStack.length > 0;
    return valueContainer;
  }
  applyResolveKeyForTable(node) {
    this.keysResolver.applyResolveKeyForTable(node);
  }
  verifyDuplicateKeys() {
    this.keysResolver.verifyDuplicateKeys(this.topLevelTable);
  }
  /**
  * Report an invalid token error.
  */
  reportParseError(code2, token) {
    let offset, line, column;
    if (token) {
      offset = token.range[0];
      line = token.loc.start.line;
      column = token.loc.start.column;
    } else {
      offset = this.tokenizer.start;
      const startPos = this.tokenizer.getLocFromIndex(offset);
      line = startPos.line;
      column = startPos.column;
    }
    throw new ParseError(code2, offset, line, column);
  }
};
var STATE_FOR_ERROR = { VALUE: "missing-value" };
var STRING_VALUE_STYLE_MAP = {
  BasicString: "basic",
  MultiLineBasicString: "basic",
  LiteralString: "literal",
  MultiLineLiteralString: "literal"
};
var STRING_KEY_STYLE_MAP = {
  BasicString: "basic",
  LiteralString: "literal"
};
var DATETIME_VALUE_KIND_MAP = {
  OffsetDateTime: "offset-date-time",
  LocalDateTime: "local-date-time",
  LocalDate: "local-date",
  LocalTime: "local-time"
};
var TOMLParser = class {
  /**
  * Initialize this parser.
  */
  constructor(text2, parserOptions) {
    this.text = text2;
    this.parserOptions = parserOptions || {};
    this.tomlVersion = getTOMLVer(this.parserOptions.tomlVersion);
  }
  /**
  * Parse TOML
  */
  parse() {
    const ast = {
      type: "Program",
      body: [],
      sourceType: "module",
      tokens: [],
      comments: [],
      parent: null,
      range: [0, 0],
      loc: {
        start: {
          line: 1,
          column: 0
        },
        end: {
          line: 1,
          column: 0
        }
      }
    };
    const node = {
      type: "TOMLTopLevelTable",
      body: [],
      parent: ast,
      range: cloneRange(ast.range),
      loc: cloneLoc(ast.loc)
    };
    ast.body = [node];
    const ctx = new Context({
      text: this.text,
      parserOptions: this.parserOptions,
      topLevelTable: node
    });
    let token = ctx.nextToken();
    if (token) {
      node.range[0] = token.range[0];
      node.loc.start = clonePos(token.loc.start);
      while (token) {
        const state$1 = ctx.stateStack.pop() || "TABLE";
        ctx.stateStack.push(...this[state$1](token, ctx));
        token = ctx.nextToken();
      }
      const state = ctx.stateStack.pop() || "TABLE";
      if (state in STATE_FOR_ERROR) return ctx.reportParseError(STATE_FOR_ERROR[state], null);
      if (ctx.table.type === "TOMLTable") applyEndLoc(ctx.table, last(ctx.table.body));
      applyEndLoc(node, last(node.body));
    }
    ctx.verifyDuplicateKeys();
    ast.tokens = ctx.tokens;
    ast.comments = ctx.comments;
    const endOffset = ctx.tokenizer.end;
    const endPos = ctx.tokenizer.getLocFromIndex(endOffset);
    ast.range[1] = endOffset;
    ast.loc.end = {
      line: endPos.line,
      column: endPos.column
    };
    return ast;
  }
  TABLE(token, ctx) {
    if (isBare(token) || isString(token)) return this.processKeyValue(token, ctx.table, ctx);
    if (isLeftBracket(token)) return this.processTable(token, ctx.topLevelTable, ctx);
    return ctx.reportParseError("unexpected-token", token);
  }
  VALUE(token, ctx) {
    if (isString(token) || isMultiLineString(token)) return this.processStringValue(token, ctx);
    if (isNumber(token)) return this.processNumberValue(token, ctx);
    if (isBoolean(token)) return this.processBooleanValue(token, ctx);
    if (isDateTime(token)) return this.processDateTimeValue(token, ctx);
    if (isLeftBracket(token)) return this.processArray(token, ctx);
    if (isLeftBrace(token)) return this.processInlineTable(token, ctx);
    return ctx.reportParseError("unexpected-token", token);
  }
  processTable(token, topLevelTableNode, ctx) {
    const tableNode = {
      type: "TOMLTable",
      kind: "standard",
      key: null,
      resolvedKey: [],
      body: [],
      parent: topLevelTableNode,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    if (ctx.table.type === "TOMLTable") applyEndLoc(ctx.table, last(ctx.table.body));
    topLevelTableNode.body.push(tableNode);
    ctx.table = tableNode;
    let targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
    if (isLeftBracket(targetToken)) {
      if (token.range[1] < targetToken.range[0]) return ctx.reportParseError("invalid-space", targetToken);
      tableNode.kind = "array";
      targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
    }
    if (isRightBracket(targetToken)) return ctx.reportParseError("missing-key", targetToken);
    if (!targetToken) return ctx.reportParseError("unterminated-table-key", null);
    targetToken = this.processKeyNode(targetToken, tableNode, ctx).nextToken;
    if (!isRightBracket(targetToken)) return ctx.reportParseError("unterminated-table-key", targetToken);
    if (tableNode.kind === "array") {
      const rightBracket = targetToken;
      targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
      if (!isRightBracket(targetToken)) return ctx.reportParseError("unterminated-table-key", targetToken);
      if (rightBracket.range[1] < targetToken.range[0]) return ctx.reportParseError("invalid-space", targetToken);
    }
    applyEndLoc(tableNode, targetToken);
    ctx.applyResolveKeyForTable(tableNode);
    ctx.needNewLine = true;
    return [];
  }
  processKeyValue(token, tableNode, ctx) {
    const keyValueNode = {
      type: "TOMLKeyValue",
      key: null,
      value: null,
      parent: tableNode,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    tableNode.body.push(keyValueNode);
    const { nextToken: targetToken } = this.processKeyNode(token, keyValueNode, ctx);
    if (!isEq(targetToken)) return ctx.reportParseError("missing-equals-sign", targetToken);
    ctx.addValueContainer({
      parent: keyValueNode,
      set: (valNode) => {
        keyValueNode.value = valNode;
        applyEndLoc(keyValueNode, valNode);
        ctx.needNewLine = true;
        return [];
      }
    });
    ctx.needSameLine = "invalid-key-value-newline";
    return ["VALUE"];
  }
  processKeyNode(token, parent, ctx) {
    if (isDot(token)) ctx.reportParseError("invalid-leading-dot-in-key", token);
    const keyNode = {
      type: "TOMLKey",
      keys: [],
      parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    parent.key = keyNode;
    let targetToken = token;
    let dotToken = null;
    do {
      if (isBare(targetToken)) this.processBareKey(targetToken, keyNode);
      else if (isString(targetToken)) this.processStringKey(targetToken, keyNode);
      else break;
      dotToken = null;
      targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
      if (!isDot(targetToken)) break;
      dotToken = targetToken;
      targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
    } while (targetToken);
    if (dotToken) ctx.reportParseError(isDot(targetToken) ? "invalid-consecutive-dots-in-key" : "invalid-trailing-dot-in-key", dotToken);
    applyEndLoc(keyNode, last(keyNode.keys));
    return {
      keyNode,
      nextToken: targetToken
    };
  }
  processBareKey(token, keyNode) {
    const node = {
      type: "TOMLBare",
      name: token.value,
      parent: keyNode,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    keyNode.keys.push(node);
  }
  processStringKey(token, keyNode) {
    const node = {
      type: "TOMLQuoted",
      kind: "string",
      value: token.string,
      style: STRING_KEY_STYLE_MAP[token.type],
      multiline: false,
      parent: keyNode,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    keyNode.keys.push(node);
  }
  processStringValue(token, ctx) {
    const valueContainer = ctx.consumeValueContainer();
    const node = {
      type: "TOMLValue",
      kind: "string",
      value: token.string,
      style: STRING_VALUE_STYLE_MAP[token.type],
      multiline: isMultiLineString(token),
      parent: valueContainer.parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    return valueContainer.set(node);
  }
  processNumberValue(token, ctx) {
    const valueContainer = ctx.consumeValueContainer();
    const text2 = this.text;
    const [startRange, endRange] = token.range;
    let numberString = null;
    const getNumberText = () => {
      return numberString ?? (numberString = text2.slice(startRange, endRange).replace(/_/g, ""));
    };
    let node;
    if (token.type === "Integer") node = {
      type: "TOMLValue",
      kind: "integer",
      value: token.number,
      bigint: token.bigint,
      get number() {
        return getNumberText();
      },
      parent: valueContainer.parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    else node = {
      type: "TOMLValue",
      kind: "float",
      value: token.number,
      get number() {
        return getNumberText();
      },
      parent: valueContainer.parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    return valueContainer.set(node);
  }
  processBooleanValue(token, ctx) {
    const valueContainer = ctx.consumeValueContainer();
    const node = {
      type: "TOMLValue",
      kind: "boolean",
      value: token.boolean,
      parent: valueContainer.parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    return valueContainer.set(node);
  }
  processDateTimeValue(token, ctx) {
    const valueContainer = ctx.consumeValueContainer();
    const node = {
      type: "TOMLValue",
      kind: DATETIME_VALUE_KIND_MAP[token.type],
      value: token.date,
      datetime: token.value,
      parent: valueContainer.parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    return valueContainer.set(node);
  }
  processArray(token, ctx) {
    const valueContainer = ctx.consumeValueContainer();
    const node = {
      type: "TOMLArray",
      elements: [],
      parent: valueContainer.parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    const nextToken = ctx.nextToken({ valuesEnabled: true });
    if (isRightBracket(nextToken)) {
      applyEndLoc(node, nextToken);
      return valueContainer.set(node);
    }
    ctx.backToken();
    return this.processArrayValue(node, valueContainer, ctx);
  }
  processArrayValue(node, valueContainer, ctx) {
    ctx.addValueContainer({
      parent: node,
      set: (valNode) => {
        node.elements.push(valNode);
        let nextToken = ctx.nextToken({ valuesEnabled: true });
        const hasComma = isComma(nextToken);
        if (hasComma) nextToken = ctx.nextToken({ valuesEnabled: true });
        if (isRightBracket(nextToken)) {
          applyEndLoc(node, nextToken);
          return valueContainer.set(node);
        }
        if (hasComma) {
          ctx.backToken();
          return this.processArrayValue(node, valueContainer, ctx);
        }
        return ctx.reportParseError(nextToken ? "missing-comma" : "unterminated-array", nextToken);
      }
    });
    return ["VALUE"];
  }
  processInlineTable(token, ctx) {
    const valueContainer = ctx.consumeValueContainer();
    const node = {
      type: "TOMLInlineTable",
      body: [],
      parent: valueContainer.parent,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    const needSameLine = this.tomlVersion.gte(1, 1) ? void 0 : "invalid-inline-table-newline";
    const nextToken = ctx.nextToken({ needSameLine });
    if (nextToken) {
      if (isBare(nextToken) || isString(nextToken)) return this.processInlineTableKeyValue(nextToken, node, valueContainer, ctx);
      if (isRightBrace(nextToken)) {
        applyEndLoc(node, nextToken);
        return valueContainer.set(node);
      }
    }
    return ctx.reportParseError("unexpected-token", nextToken);
  }
  processInlineTableKeyValue(token, inlineTableNode, valueContainer, ctx) {
    const keyValueNode = {
      type: "TOMLKeyValue",
      key: null,
      value: null,
      parent: inlineTableNode,
      range: cloneRange(token.range),
      loc: cloneLoc(token.loc)
    };
    inlineTableNode.body.push(keyValueNode);
    const { nextToken: targetToken } = this.processKeyNode(token, keyValueNode, ctx);
    if (!isEq(targetToken)) return ctx.reportParseError("missing-equals-sign", targetToken);
    const needSameLine = this.tomlVersion.gte(1, 1) ? void 0 : "invalid-inline-table-newline";
    ctx.addValueContainer({
      parent: keyValueNode,
      set: (valNode) => {
        keyValueNode.value = valNode;
        applyEndLoc(keyValueNode, valNode);
        let nextToken = ctx.nextToken({ needSameLine });
        if (isComma(nextToken)) {
          nextToken = ctx.nextToken({ needSameLine });
          if (nextToken && (isBare(nextToken) || isString(nextToken))) return this.processInlineTableKeyValue(nextToken, inlineTableNode, valueContainer, ctx);
          if (isRightBrace(nextToken)) {
            if (this.tomlVersion.lt(1, 1)) return ctx.reportParseError("invalid-trailing-comma-in-inline-table", nextToken);
          } else return ctx.reportParseError(nextToken ? "unexpected-token" : "unterminated-inline-table", nextToken);
        }
        if (isRightBrace(nextToken)) {
          applyEndLoc(inlineTableNode, nextToken);
          return valueContainer.set(inlineTableNode);
        }
        return ctx.reportParseError(nextToken ? "missing-comma" : "unterminated-inline-table", nextToken);
      }
    });
    ctx.needSameLine = "invalid-key-value-newline";
    return ["VALUE"];
  }
};
function isDot(token) {
  return isPunctuator(token) && token.value === ".";
}
function isEq(token) {
  return isPunctuator(token) && token.value === "=";
}
function isLeftBracket(token) {
  return isPunctuator(token) && token.value === "[";
}
function isRightBracket(token) {
  return isPunctuator(token) && token.value === "]";
}
function isLeftBrace(token) {
  return isPunctuator(token) && token.value === "{";
}
function isRightBrace(token) {
  return isPunctuator(token) && token.value === "}";
}
function isComma(token) {
  return isPunctuator(token) && token.value === ",";
}
function isPunctuator(token) {
  return Boolean(token && token.type === "Punctuator");
}
function isBare(token) {
  return token.type === "Bare";
}
function isString(token) {
  return token.type === "BasicString" || token.type === "LiteralString";
}
function isMultiLineString(token) {
  return token.type === "MultiLineBasicString" || token.type === "MultiLineLiteralString";
}
function isNumber(token) {
  return token.type === "Integer" || token.type === "Float";
}
function isBoolean(token) {
  return token.type === "Boolean";
}
function isDateTime(token) {
  return token.type === "OffsetDateTime" || token.type === "LocalDateTime" || token.type === "LocalDate" || token.type === "LocalTime";
}
function applyEndLoc(node, child) {
  if (child) {
    node.range[1] = child.range[1];
    node.loc.end = clonePos(child.loc.end);
  }
}
function cloneRange(range) {
  return [range[0], range[1]];
}
function cloneLoc(loc) {
  return {
    start: clonePos(loc.start),
    end: clonePos(loc.end)
  };
}
function clonePos(pos) {
  return {
    line: pos.line,
    column: pos.column
  };
}
var tomlKeys = {
  Program: ["body"],
  TOMLTopLevelTable: ["body"],
  TOMLTable: ["key", "body"],
  TOMLKeyValue: ["key", "value"],
  TOMLKey: ["keys"],
  TOMLArray: ["elements"],
  TOMLInlineTable: ["body"],
  TOMLBare: [],
  TOMLQuoted: [],
  TOMLValue: []
};
var KEYS2 = unionWith(tomlKeys);
function parseForESLint(code2, options5) {
  return {
    ast: new TOMLParser(code2, options5).parse(),
    visitorKeys: KEYS2,
    services: { isTOML: true }
  };
}
var getStaticTOMLValue = generateConvertTOMLValue((node) => node.value);
function generateConvertTOMLValue(convertValue) {
  function resolveValue(node, baseTable) {
    return resolver[node.type](node, baseTable);
  }
  const resolver = {
    Program(node, baseTable = {}) {
      return resolveValue(node.body[0], baseTable);
    },
    TOMLTopLevelTable(node, baseTable = {}) {
      for (const body of node.body) resolveValue(body, baseTable);
      return baseTable;
    },
    TOMLKeyValue(node, baseTable = {}) {
      const value = resolveValue(node.value);
      set(baseTable, resolveValue(node.key), value);
      return baseTable;
    },
    TOMLTable(node, baseTable = {}) {
      const table = getTable(baseTable, resolveValue(node.key), node.kind === "array");
      for (const body of node.body) resolveValue(body, table);
      return baseTable;
    },
    TOMLArray(node) {
      return node.elements.map((e) => resolveValue(e));
    },
    TOMLInlineTable(node) {
      const table = {};
      for (const body of node.body) resolveValue(body, table);
      return table;
    },
    TOMLKey(node) {
      return node.keys.map((key) => resolveValue(key));
    },
    TOMLBare(node) {
      return node.name;
    },
    TOMLQuoted(node) {
      return node.value;
    },
    TOMLValue(node) {
      return convertValue(node);
    }
  };
  return (node) => resolveValue(node);
}
function getTable(baseTable, keys, array) {
  let target = baseTable;
  for (let index = 0; index < keys.length - 1; index++) {
    const key = keys[index];
    target = getNextTargetFromKey(target, key);
  }
  const lastKey = last(keys);
  const lastTarget = target[lastKey];
  if (lastTarget == null) {
    const tableValue$1 = {};
    target[lastKey] = array ? [tableValue$1] : tableValue$1;
    return tableValue$1;
  }
  if (isValue(lastTarget)) {
    const tableValue$1 = {};
    target[lastKey] = array ? [tableValue$1] : tableValue$1;
    return tableValue$1;
  }
  if (!array) {
    if (Array.isArray(lastTarget)) {
      const tableValue$1 = {};
      target[lastKey] = tableValue$1;
      return tableValue$1;
    }
    return lastTarget;
  }
  if (Array.isArray(lastTarget)) {
    const tableValue$1 = {};
    lastTarget.push(tableValue$1);
    return tableValue$1;
  }
  const tableValue = {};
  target[lastKey] = [tableValue];
  return tableValue;
  function getNextTargetFromKey(currTarget, key) {
    const nextTarget = currTarget[key];
    if (nextTarget == null) {
      const val = {};
      currTarget[key] = val;
      return val;
    }
    if (isValue(nextTarget)) {
      const val = {};
      currTarget[key] = val;
      return val;
    }
    let resultTarget = nextTarget;
    while (Array.isArray(resultTarget)) {
      const lastIndex = resultTarget.length - 1;
      const nextElement = resultTarget[lastIndex];
      if (isValue(nextElement)) {
        const val = {};
        resultTarget[lastIndex] = val;
        return val;
      }
      resultTarget = nextElement;
    }
    return resultTarget;
  }
}
function set(baseTable, keys, value) {
  let target = baseTable;
  for (let index = 0; index < keys.length - 1; index++) {
    const key = keys[index];
    const nextTarget = target[key];
    if (nextTarget == null) {
      const val = {};
      target[key] = val;
      target = val;
    } else if (isValue(nextTarget) || Array.isArray(nextTarget)) {
      const val = {};
      target[key] = val;
      target = val;
    } else target = nextTarget;
  }
  target[last(keys)] = value;
}
function isValue(value) {
  return typeof value !== "object" || value instanceof Date;
}
function parseTOML(code2, options5) {
  return parseForESLint(code2, options5).ast;
}

// src/wasm-toml/toml.ts
function parseToml(text2) {
  let program;
  try {
    program = parseTOML(text2.startsWith("\uFEFF") ? ` ${text2.slice(1)}` : text2, { tomlVersion: "1.0" });
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return syntaxError(text2, e);
  }
  const top = program.body[0];
  const root = { kind: "table", entries: /* @__PURE__ */ new Map(), span: [0, 0] };
  for (const item2 of top.body) {
    if (item2.type === "TOMLKeyValue") addKeyValue(root, item2);
    else addTable(text2, root, item2);
  }
  return { ok: true, root };
}
function syntaxError(text2, e) {
  const start2 = Math.min(e.index, text2.length);
  const span = [start2, Math.min(start2 + 1, text2.length)];
  const message2 = `invalid TOML: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}`;
  const line = text2.slice(text2.lastIndexOf("\n", start2 - 1) + 1).split("\n", 1)[0] ?? "";
  if (/multiple times/.test(e.message) && /^\s*\[\s*module\s*\]/.test(line)) {
    return { ok: false, span, message: message2, hint: "to declare several modules, write [[module]] for each one" };
  }
  return { ok: false, span, message: message2 };
}
function keyName(k) {
  return k.type === "TOMLBare" ? k.name : k.value;
}
function addTable(text2, root, node) {
  const keys = node.key.keys;
  const close = text2.indexOf("]", node.key.range[1]) + (node.kind === "array" ? 2 : 1);
  const header = [node.range[0], Math.max(close, node.key.range[1])];
  let table = root;
  let segment = 0;
  for (const part of node.resolvedKey) {
    if (typeof part === "number") continue;
    const keyNode = keys[segment++];
    if (!keyNode) break;
    const isLast = segment === keys.length;
    const existing = table.entries.get(part);
    if (isLast && node.kind === "array") {
      const item2 = { kind: "table", entries: /* @__PURE__ */ new Map(), span: header };
      if (existing?.value.kind === "array") existing.value.items.push(item2);
      else
        table.entries.set(part, {
          key: part,
          keySpan: keyNode.range,
          value: { kind: "array", items: [item2], span: header }
        });
      table = item2;
    } else if (isLast) {
      if (existing?.value.kind === "table") {
        existing.value.span = header;
        existing.keySpan = keyNode.range;
        table = existing.value;
      } else {
        const created = { kind: "table", entries: /* @__PURE__ */ new Map(), span: header };
        table.entries.set(part, { key: part, keySpan: keyNode.range, value: created });
        table = created;
      }
    } else {
      table = descend(table, part, keyNode.range);
    }
  }
  for (const kv of node.body) addKeyValue(table, kv);
}
function descend(table, name, span) {
  const existing = table.entries.get(name)?.value;
  if (existing?.kind === "table") return existing;
  if (existing?.kind === "array") {
    const last2 = existing.items[existing.items.length - 1];
    if (last2?.kind === "table") return last2;
  }
  const created = { kind: "table", entries: /* @__PURE__ */ new Map(), span };
  table.entries.set(name, { key: name, keySpan: span, value: created });
  return created;
}
function addKeyValue(table, kv) {
  const keys = kv.key.keys;
  let target = table;
  for (const k of keys.slice(0, -1)) target = descend(target, keyName(k), k.range);
  const last2 = keys[keys.length - 1];
  if (!last2) return;
  target.entries.set(keyName(last2), { key: keyName(last2), keySpan: last2.range, value: convert(kv.value) });
}
function convert(node) {
  switch (node.type) {
    case "TOMLArray":
      return { kind: "array", items: node.elements.map(convert), span: node.range };
    case "TOMLInlineTable": {
      const table = { kind: "table", entries: /* @__PURE__ */ new Map(), span: node.range };
      for (const kv of node.body) addKeyValue(table, kv);
      return table;
    }
    case "TOMLValue":
      switch (node.kind) {
        case "string":
          return { kind: "string", value: node.value, span: node.range };
        case "integer":
          return { kind: "integer", value: node.value, span: node.range };
        case "float":
          return { kind: "float", value: node.value, span: node.range };
        case "boolean":
          return { kind: "boolean", value: node.value, span: node.range };
        default:
          return { kind: "date-time", value: node.datetime, span: node.range };
      }
  }
}

// src/wasm-toml/parse.ts
function parseWasmToml(text2, options5 = {}) {
  const index = new LineIndex(text2);
  const errors = new ErrorCollector(options5.filename ?? "wasm.toml", index);
  const limit = checkTextLimits(text2);
  if (limit) {
    errors.add(limit.span, limit.message, { hint: limit.hint });
    return { ok: false, errors: errors.list() };
  }
  const toml = parseToml(text2);
  if (!toml.ok) {
    errors.add(toml.span, toml.message, { hint: toml.hint });
    return { ok: false, errors: errors.list() };
  }
  const modules = toml.root.entries.get("module")?.value;
  if (modules?.kind === "array" && modules.items.length > LIMITS.modules) {
    errors.add(
      modules.items[LIMITS.modules].span,
      `more than ${LIMITS.modules} [[module]] tables; one wasm.toml is limited to ${LIMITS.modules}`,
      { hint: "split the modules over several files" }
    );
    return { ok: false, errors: errors.list() };
  }
  const declared = toml.root.entries.get("build-args")?.value;
  const ctx = {
    errors,
    locations: new Locations(),
    index,
    text: text2,
    buildArgs: declared?.kind === "table" ? [...declared.entries.keys()] : [],
    misspelt: /* @__PURE__ */ new Set()
  };
  const data = readTable(ROOT_FIELDS, toml.root, [], ctx, rootScope(ROOT_FIELDS));
  applyRules(data, ctx);
  if (errors.size > 0) return { ok: false, errors: errors.list() };
  return { ok: true, spec: withLocator(data, ctx.locations.locator(index)) };
}

// src/wasm-toml/select.ts
function selectModules(spec, target) {
  const names = spec.module.map((m) => m.name);
  const wanted = target || (spec.image ? spec.image.entrypoint : names[0]);
  const entrypoint = spec.module.find((m) => m.name === wanted);
  if (!entrypoint) {
    const near = closest(wanted ?? "", names);
    return {
      ok: false,
      message: `unknown target "${wanted}": the modules in this file are ${names.join(", ")}`,
      ...near ? { hint: `did you mean "${near}"?` } : {}
    };
  }
  if (!spec.image) return { ok: true, modules: [entrypoint], entrypoint, image: entrypoint.image };
  return {
    ok: true,
    modules: spec.module,
    entrypoint,
    image: {
      ...entrypoint.image,
      labels: { ...entrypoint.image.labels, ...spec.image.labels },
      annotations: { ...entrypoint.image.annotations, ...spec.image.annotations }
    }
  };
}

// src/wasm-toml/build-args.ts
function applyBuildArgs(spec, buildArgs) {
  const values = { ...spec["build-args"] };
  for (const name of Object.keys(values)) {
    const given = buildArgs[name];
    if (given !== void 0 && Object.hasOwn(buildArgs, name)) values[name] = given;
  }
  const copy2 = structuredClone(spec);
  const out = expandFields(ROOT_FIELDS, copy2, values);
  out["build-args"] = values;
  return withLocator(out, spec.locate);
}
function expandFields(fields, obj, values) {
  for (const [name, key] of Object.entries(fields)) {
    if (obj[name] !== void 0) obj[name] = expand(key, obj[name], values);
  }
  return obj;
}
function expand(key, value, values) {
  const text2 = (v) => typeof v === "string" ? expandTemplate(v, values) : v;
  switch (key.kind) {
    case "string":
      return key.interpolate ? text2(value) : value;
    case "list":
      return key.item.kind === "string" && key.item.interpolate && Array.isArray(value) ? value.map(text2) : value;
    case "map":
      return key.values.interpolate ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text2(v)])) : value;
    case "table":
      return expandFields(key.fields, value, values);
    case "tables":
      return value.map((item2) => expandFields(key.fields, item2, values));
    default:
      return value;
  }
}

// src/wasm-toml/toolchain.ts
function toolchainImage(toolchain, builtin) {
  if (toolchain.image !== void 0 && hasTagOrDigest(toolchain.image)) return toolchain.image;
  const { tag, digest } = parseReference(builtin);
  const suffix = `${tag !== void 0 ? `:${tag}` : ""}${digest !== void 0 ? `@${digest}` : ""}`;
  const repository = toolchain.image ?? builtin.slice(0, builtin.length - suffix.length);
  return toolchain.version !== void 0 ? `${repository}:${toolchain.version}` : `${repository}${suffix}`;
}

// src/primitives/platform.ts
var WASI_WASM = { os: "wasi", architecture: "wasm" };
function formatPlatform(p) {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}`;
}

// frontend/llb/caps.ts
var Cap = {
  sourceImage: "source.image",
  sourceImageResolveMode: "source.image.resolvemode",
  sourceLocal: "source.local",
  sourceLocalSessionId: "source.local.sessionid",
  sourceLocalIncludePatterns: "source.local.includepatterns",
  sourceLocalFollowPaths: "source.local.followpaths",
  sourceLocalExcludePatterns: "source.local.excludepatterns",
  sourceLocalSharedKeyHint: "source.local.sharedkeyhint",
  sourceGit: "source.git",
  sourceGitFullUrl: "source.git.fullurl",
  sourceHttp: "source.http",
  sourceHttpChecksum: "source.http.checksum",
  sourceHttpPerm: "source.http.perm",
  execMetaBase: "exec.meta.base",
  execMetaNetwork: "exec.meta.network",
  execMetaSecurity: "exec.meta.security",
  execMountBind: "exec.mount.bind",
  execMountCache: "exec.mount.cache",
  execMountCacheSharing: "exec.mount.cache.sharing",
  execMountSelector: "exec.mount.selector",
  execMountTmpfs: "exec.mount.tmpfs",
  execMountTmpfsSize: "exec.mount.tmpfs.size",
  execMountSecret: "exec.mount.secret",
  execSecretEnv: "exec.secretenv",
  execValidExitCode: "exec.validexitcode",
  fileBase: "file.base",
  fileRmWildcard: "file.rm.wildcard",
  fileCopyIncludeExcludePatterns: "file.copy.includeexcludepatterns",
  mergeOp: "mergeop",
  constraints: "constraints",
  platform: "platform",
  metaIgnoreCache: "meta.ignorecache",
  metaDescription: "meta.description"
};

// frontend/llb/digest.ts
import { createHash } from "node:crypto";
function digestOf(bytes2) {
  return `sha256:${createHash("sha256").update(bytes2).digest("hex")}`;
}

// frontend/llb/encode.ts
function platform(w, p) {
  string(w, 1, p.architecture);
  string(w, 2, p.os);
  string(w, 3, p.variant);
  string(w, 4, p.osVersion);
  strings(w, 5, p.osFeatures);
}
function input(w, i) {
  string(w, 1, i.digest);
  int64(w, 2, i.index);
}
function workerConstraints(w, c) {
  strings(w, 1, c.filter);
}
function progressGroup(w, g) {
  string(w, 1, g.id);
  string(w, 2, g.name);
  bool(w, 3, g.weak);
}
function opMetadata(w, m) {
  bool(w, 1, m.ignoreCache);
  map(w, 2, m.description, mapValue.string);
  message(w, 4, m.exportCache, (w2, e) => bool(w2, 1, e.value));
  map(w, 5, m.caps, mapValue.bool);
  message(w, 6, m.progressGroup, progressGroup);
}
function sourceOp(w, s) {
  string(w, 1, s.identifier);
  map(w, 2, s.attrs, mapValue.string);
}
function meta(w, m) {
  strings(w, 1, m.args);
  strings(w, 2, m.env);
  string(w, 3, m.cwd);
  string(w, 4, m.user);
  string(w, 7, m.hostname);
  bool(w, 11, m.removeMountStubsRecursive);
  packedInt32(w, 12, m.validExitCodes);
}
function tmpfsOpt(w, t) {
  int64(w, 1, t.size);
}
function cacheOpt(w, c) {
  string(w, 1, c.id);
  int32(w, 2, c.sharing);
}
function secretOpt(w, s) {
  string(w, 1, s.id);
  uint32(w, 2, s.uid);
  uint32(w, 3, s.gid);
  uint32(w, 4, s.mode);
  bool(w, 5, s.optional);
}
function mount(w, m) {
  int64(w, 1, m.input);
  string(w, 2, m.selector);
  string(w, 3, m.dest);
  int64(w, 4, m.output);
  bool(w, 5, m.readonly);
  int32(w, 6, m.mountType);
  message(w, 19, m.tmpfsOpt, tmpfsOpt);
  message(w, 20, m.cacheOpt, cacheOpt);
  message(w, 21, m.secretOpt, secretOpt);
}
function secretEnv(w, s) {
  string(w, 1, s.id);
  string(w, 2, s.name);
  bool(w, 3, s.optional);
}
function execOp(w, e) {
  message(w, 1, e.meta, meta);
  messages(w, 2, e.mounts, mount);
  int32(w, 3, e.network);
  int32(w, 4, e.security);
  messages(w, 5, e.secretenv, secretEnv);
}
function userOpt(w, u) {
  if ("byName" in u) {
    message(w, 1, u.byName, (w2, n) => {
      string(w2, 1, n.name);
      int64(w2, 2, n.input);
    });
  } else {
    presentUint32(w, 2, u.byId);
  }
}
function chownOpt(w, c) {
  message(w, 1, c.user, userOpt);
  message(w, 2, c.group, userOpt);
}
function copyAction(w, c) {
  string(w, 1, c.src);
  string(w, 2, c.dest);
  message(w, 3, c.owner, chownOpt);
  int32(w, 4, c.mode);
  bool(w, 5, c.followSymlink);
  bool(w, 6, c.dirCopyContents);
  bool(w, 7, c.attemptUnpackDockerCompatibility);
  bool(w, 8, c.createDestPath);
  bool(w, 9, c.allowWildcard);
  bool(w, 10, c.allowEmptyWildcard);
  int64(w, 11, c.timestamp);
  strings(w, 12, c.includePatterns);
  strings(w, 13, c.excludePatterns);
}
function mkfileAction(w, m) {
  string(w, 1, m.path);
  int32(w, 2, m.mode);
  bytes(w, 3, m.data);
  message(w, 4, m.owner, chownOpt);
  int64(w, 5, m.timestamp);
}
function mkdirAction(w, m) {
  string(w, 1, m.path);
  int32(w, 2, m.mode);
  bool(w, 3, m.makeParents);
  message(w, 4, m.owner, chownOpt);
  int64(w, 5, m.timestamp);
}
function rmAction(w, r) {
  string(w, 1, r.path);
  bool(w, 2, r.allowNotFound);
  bool(w, 3, r.allowWildcard);
}
function fileAction(w, a) {
  int64(w, 1, a.input);
  int64(w, 2, a.secondaryInput);
  int64(w, 3, a.output);
  const act = a.action;
  if ("copy" in act) message(w, 4, act.copy, copyAction);
  else if ("mkfile" in act) message(w, 5, act.mkfile, mkfileAction);
  else if ("mkdir" in act) message(w, 6, act.mkdir, mkdirAction);
  else message(w, 7, act.rm, rmAction);
}
function fileOp(w, f) {
  messages(w, 2, f.actions, fileAction);
}
function mergeOp(w, m) {
  messages(w, 1, m.inputs, (w2, i) => int64(w2, 1, i.input));
}
function op(w, o) {
  messages(w, 1, o.inputs, input);
  message(w, 10, o.platform, platform);
  message(w, 11, o.constraints, workerConstraints);
  const kind = o.op;
  if (!kind) return;
  if ("exec" in kind) message(w, 2, kind.exec, execOp);
  else if ("source" in kind) message(w, 3, kind.source, sourceOp);
  else if ("file" in kind) message(w, 4, kind.file, fileOp);
  else message(w, 6, kind.merge, mergeOp);
}
function definition(w, d) {
  bytesList(w, 1, d.def);
  map(w, 2, d.metadata, mapValue.message(opMetadata));
}
function marshalOp(o) {
  return encodeMessage(op, o);
}
function marshalDefinition(d) {
  return encodeMessage(definition, d);
}

// frontend/llb/definition.ts
function mergeMetadata(a, b) {
  if (!a) return b;
  const md = { caps: { ...a.caps, ...b.caps } };
  if (a.ignoreCache || b.ignoreCache) md.ignoreCache = true;
  if (a.description || b.description) md.description = { ...a.description, ...b.description };
  const exportCache = b.exportCache ?? a.exportCache;
  if (exportCache) md.exportCache = exportCache;
  const group = b.progressGroup ?? a.progressGroup;
  if (group) md.progressGroup = group;
  return md;
}
function marshal(state, opts = {}) {
  const ops = [];
  const digests = [];
  const metadata = {};
  const done = /* @__PURE__ */ new Map();
  const placed = /* @__PURE__ */ new Set();
  const definitionCaps = {};
  const ctx = {
    platform: opts.platform,
    input: (o) => ({ digest: visit(o.vertex), index: o.index })
  };
  function visit(v) {
    const known = done.get(v);
    if (known) return known;
    for (const o of v.inputs()) visit(o.vertex);
    const built = v.toOp(ctx);
    const bytes2 = "bytes" in built ? built.bytes : marshalOp(built.op);
    const md = built.metadata;
    Object.assign(definitionCaps, v.definitionCaps?.());
    const digest = digestOf(bytes2);
    done.set(v, digest);
    if (!placed.has(digest)) {
      placed.add(digest);
      ops.push(bytes2);
      digests.push(digest);
    }
    if (md) metadata[digest] = mergeMetadata(metadata[digest], md);
    return digest;
  }
  const lookup = (s) => s.output ? done.get(s.output.vertex) : void 0;
  if (!state.output) {
    return { definition: new Uint8Array(0), ops, digests, metadata, head: void 0, opDigest: lookup };
  }
  const head = visit(state.output.vertex);
  const terminal = marshalOp({ inputs: [{ digest: head, index: state.output.index }] });
  const terminalDigest = digestOf(terminal);
  const caps = {
    ...definitionCaps,
    [Cap.constraints]: true,
    [Cap.platform]: true
  };
  for (const md of Object.values(metadata)) {
    if (md.ignoreCache) caps[Cap.metaIgnoreCache] = true;
    if (md.description) caps[Cap.metaDescription] = true;
  }
  ops.push(terminal);
  digests.push(terminalDigest);
  metadata[terminalDigest] = { caps };
  const definition2 = marshalDefinition({ def: ops, metadata });
  return { definition: definition2, ops, digests, metadata, head, opDigest: lookup };
}

// frontend/llb/paths.ts
import { posix } from "node:path";
function cleanPath(p) {
  if (p === "") return ".";
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith("/") ? n.slice(0, -1) : n;
}
function resolvePath(dir, p) {
  return posix.isAbsolute(p) ? cleanPath(p) : cleanPath(posix.join("/", dir, p));
}
function resolveCopyDest(dir, p) {
  let out = resolvePath(dir, p);
  if (p.endsWith("/") && !out.endsWith("/")) out += "/";
  else if (p.endsWith("/.")) out = (out === "/" ? out : `${out}/`) + ".";
  return out;
}

// frontend/llb/vertex.ts
function sameOutput(a, b) {
  return a.vertex === b.vertex && a.index === b.index;
}
function opMetadata2(opts, caps) {
  const md = {
    caps: Object.fromEntries([...caps].map((c) => [c, true]))
  };
  if (opts.ignoreCache) md.ignoreCache = true;
  if (opts.customName !== void 0) md.description = { "llb.customname": opts.customName };
  if (opts.progressGroup) md.progressGroup = opts.progressGroup;
  return md;
}

// frontend/llb/file.ts
var FileActions = class _FileActions {
  constructor(steps = []) {
    this.steps = steps;
  }
  steps;
  /** Paths relative to the target state's working directory; mode is masked to permission bits. */
  mkdir(path12, mode, opts = {}) {
    return new _FileActions([...this.steps, { kind: "mkdir", path: path12, mode, opts }]);
  }
  mkfile(path12, mode, data, opts = {}) {
    const bytes2 = typeof data === "string" ? new TextEncoder().encode(data) : data;
    return new _FileActions([...this.steps, { kind: "mkfile", path: path12, mode, data: bytes2, opts }]);
  }
  rm(path12, opts = {}) {
    return new _FileActions([...this.steps, { kind: "rm", path: path12, opts }]);
  }
  /** Copies `src` (relative to `from`'s working directory) from another state to `dest`. */
  copy(from, src, dest, opts = {}) {
    return new _FileActions([...this.steps, { kind: "copy", from, src, dest, opts }]);
  }
};
var start = new FileActions();
function mkfile(...args) {
  return start.mkfile(...args);
}
function copy(...args) {
  return start.copy(...args);
}
function timestamp(t) {
  return t === void 0 ? -1n : BigInt(t.getTime()) * 1000000n;
}
function userOpt2(v, base) {
  if (v === void 0) return void 0;
  return typeof v === "number" ? { byId: v } : { byName: { name: v, input: base } };
}
function chown(owner, base) {
  return owner && { user: userOpt2(owner.user, base), group: userOpt2(owner.group, base) };
}
var FileOp = class {
  constructor(base, actions, opts) {
    this.base = base;
    this.actions = actions;
    this.opts = opts;
    if (actions.steps.length === 0) throw new Error("file: no actions given");
  }
  base;
  actions;
  opts;
  /** The base state's output first, then each copy source, as they appear in the op's inputs. */
  inputs() {
    const outs = [];
    const add = (o) => {
      if (o && !outs.some((x) => sameOutput(x, o))) outs.push(o);
    };
    add(this.base.output);
    for (const s of this.actions.steps) if (s.kind === "copy") add(s.from.output);
    return outs;
  }
  toOp(ctx) {
    const inputs = [];
    const inputIndex = (o) => {
      if (!o) return -1;
      const inp = ctx.input(o);
      const i = inputs.findIndex((x) => x.digest === inp.digest && x.index === inp.index);
      return i >= 0 ? i : inputs.push(inp) - 1;
    };
    const base = inputIndex(this.base.output);
    const secondary = this.actions.steps.map((s) => s.kind === "copy" ? inputIndex(s.from.output) : -1);
    const dir = this.base.cwd;
    const caps = /* @__PURE__ */ new Set([Cap.fileBase]);
    const steps = this.actions.steps;
    const actions = steps.map((s, i) => {
      const input2 = i === 0 ? base : inputs.length + i - 1;
      const output = i === steps.length - 1 ? 0 : -1;
      return { input: input2, secondaryInput: secondary[i], output, action: this.action(s, dir, base, caps) };
    });
    return {
      // A file op does not depend on a platform, so BuildKit's client sends none.
      op: { inputs, op: { file: { actions } }, constraints: {} },
      metadata: opMetadata2(this.opts, caps)
    };
  }
  action(s, dir, base, caps) {
    switch (s.kind) {
      case "mkdir":
        return {
          mkdir: {
            path: resolvePath(dir, s.path),
            mode: s.mode & 511,
            makeParents: s.opts.parents,
            owner: chown(s.opts.owner, base),
            timestamp: timestamp(s.opts.createdTime)
          }
        };
      case "mkfile":
        return {
          mkfile: {
            path: resolvePath(dir, s.path),
            mode: s.mode & 511,
            data: s.data,
            owner: chown(s.opts.owner, base),
            timestamp: timestamp(s.opts.createdTime)
          }
        };
      case "rm":
        if (s.opts.allowWildcard) caps.add(Cap.fileRmWildcard);
        return {
          rm: {
            path: resolvePath(dir, s.path),
            allowNotFound: s.opts.allowNotFound,
            allowWildcard: s.opts.allowWildcard
          }
        };
      case "copy": {
        const o = s.opts;
        if (o.include?.length || o.exclude?.length) caps.add(Cap.fileCopyIncludeExcludePatterns);
        return {
          copy: {
            src: resolvePath(s.from.cwd, s.src),
            dest: resolveCopyDest(dir, s.dest),
            owner: chown(o.owner, base),
            mode: o.mode ?? -1,
            followSymlink: o.followSymlinks,
            dirCopyContents: o.contentsOnly,
            attemptUnpackDockerCompatibility: o.attemptUnpack,
            createDestPath: o.createDestPath,
            allowWildcard: o.allowWildcard,
            allowEmptyWildcard: o.allowEmptyWildcard,
            timestamp: timestamp(o.createdTime),
            includePatterns: o.include,
            excludePatterns: o.exclude
          }
        };
      }
    }
  }
};

// frontend/llb/pb.ts
var NetMode = { UNSET: 0, HOST: 1, NONE: 2 };
var SecurityMode = { SANDBOX: 0, INSECURE: 1 };
var MountType = { BIND: 0, SECRET: 1, SSH: 2, CACHE: 3, TMPFS: 4 };
var CacheSharingOpt = { SHARED: 0, PRIVATE: 1, LOCKED: 2 };

// frontend/llb/exec.ts
var sharingOpt = {
  shared: CacheSharingOpt.SHARED,
  private: CacheSharingOpt.PRIVATE,
  locked: CacheSharingOpt.LOCKED
};
var netMode = {
  sandbox: NetMode.UNSET,
  host: NetMode.HOST,
  none: NetMode.NONE
};
var ExecOp = class {
  constructor(spec) {
    this.spec = spec;
    if (spec.args.length === 0) throw new Error("run: args must not be empty");
    const seen = /* @__PURE__ */ new Set(["/"]);
    for (const m of spec.mounts) {
      if (!m.dest.startsWith("/"))
        throw new Error(`run: mount dest ${JSON.stringify(m.dest)} must be absolute`);
      if (seen.has(m.dest))
        throw new Error(`run: more than one mount at ${m.dest} (the root is the state itself)`);
      seen.add(m.dest);
      if (m.type === "cache" && m.id === "") throw new Error(`run: cache mount at ${m.dest} needs an id`);
    }
    const unsorted = [{ dest: "/", source: spec.root, spec: void 0 }];
    for (const m of spec.mounts) {
      if (m.type === "secret") continue;
      unsorted.push({ dest: m.dest, source: m.type === "bind" ? m.source.output : void 0, spec: m });
    }
    unsorted.sort((a, b) => compareUtf8(a.dest, b.dest));
    let next = 0;
    this.placed = unsorted.map((m) => {
      const writable = m.spec === void 0 || m.spec.type === "bind" && !m.spec.readonly;
      return { ...m, output: writable ? next++ : -1 };
    });
    this.secrets = spec.mounts.filter((m) => m.type === "secret");
  }
  spec;
  /** Root and non-secret mounts sorted by dest ("/" first), as BuildKit numbers outputs in that order. */
  placed;
  secrets;
  /** The output index of the root or the writable bind mount at `dest`, or -1. */
  outputIndex(dest) {
    return this.placed.find((m) => m.dest === dest)?.output ?? -1;
  }
  inputs() {
    const out = [];
    for (const m of this.placed) {
      if (m.source && !out.some((o) => sameOutput(o, m.source))) out.push(m.source);
    }
    return out;
  }
  toOp(ctx) {
    const s = this.spec;
    const inputs = [];
    const inputIndex = (o) => {
      const inp = ctx.input(o);
      const i = inputs.findIndex((x) => x.digest === inp.digest && x.index === inp.index);
      return i >= 0 ? i : inputs.push(inp) - 1;
    };
    const caps = /* @__PURE__ */ new Set([Cap.execMetaBase]);
    const mounts = this.placed.map((m) => {
      const pm = { input: m.source ? inputIndex(m.source) : -1, dest: m.dest, output: m.output };
      const spec = m.spec;
      if (spec?.type === "cache") {
        pm.mountType = MountType.CACHE;
        pm.cacheOpt = { id: spec.id, sharing: sharingOpt[spec.sharing ?? "shared"] };
        caps.add(Cap.execMountCache).add(Cap.execMountCacheSharing);
      } else if (spec?.type === "tmpfs") {
        pm.mountType = MountType.TMPFS;
        pm.tmpfsOpt = { size: spec.size };
        caps.add(Cap.execMountTmpfs);
        if (spec.size) caps.add(Cap.execMountTmpfsSize);
      } else {
        if (spec?.readonly) pm.readonly = true;
        if (spec?.selector) {
          pm.selector = spec.selector;
          caps.add(Cap.execMountSelector);
        }
        if (m.source) caps.add(Cap.execMountBind);
      }
      return pm;
    });
    for (const sm of this.secrets) {
      mounts.push({
        input: -1,
        dest: sm.dest,
        mountType: MountType.SECRET,
        secretOpt: { id: sm.id, uid: sm.uid, gid: sm.gid, mode: sm.mode ?? 256, optional: sm.optional }
      });
    }
    if (this.secrets.length > 0 || s.secretEnv.length > 0) caps.add(Cap.execMountSecret);
    if (s.secretEnv.length > 0) caps.add(Cap.execSecretEnv);
    if (s.network !== "sandbox") caps.add(Cap.execMetaNetwork);
    if (s.security === "insecure") caps.add(Cap.execMetaSecurity);
    if (s.validExitCodes) caps.add(Cap.execValidExitCode);
    const exec = {
      meta: {
        args: s.args,
        env: s.env,
        cwd: s.cwd,
        user: s.user,
        hostname: s.hostname,
        // Drop the empty mount-point directories the mounts leave in the root output (as Go does).
        removeMountStubsRecursive: true,
        validExitCodes: s.validExitCodes
      },
      mounts,
      network: netMode[s.network],
      security: s.security === "insecure" ? SecurityMode.INSECURE : SecurityMode.SANDBOX,
      secretenv: s.secretEnv.map((e) => ({ id: e.id, name: e.name, optional: e.optional }))
    };
    return {
      op: { inputs, op: { exec }, platform: s.platform ?? ctx.platform, constraints: {} },
      metadata: opMetadata2(s, caps)
    };
  }
};

// src/primitives/image-config.ts
function parseEnvList(env) {
  const out = /* @__PURE__ */ new Map();
  for (const entry of env ?? []) {
    const eq = entry.indexOf("=");
    const key = eq < 0 ? entry : entry.slice(0, eq);
    if (key === "") continue;
    out.delete(key);
    out.set(key, eq < 0 ? "" : entry.slice(eq + 1));
  }
  return out;
}

// frontend/llb/state.ts
var defaults = { env: [], cwd: "/", user: "", platform: void 0, secrets: [] };
function setEnv(env, key, value) {
  if (key === "" || key.includes("="))
    throw new Error(`invalid environment variable name ${JSON.stringify(key)}`);
  return [...env.filter(([k]) => k !== key), [key, value]];
}
var State = class _State {
  /** Use the source functions (`image`, `local`, ..., `scratch`) rather than this constructor. */
  constructor(output, settings = defaults) {
    this.output = output;
    this.settings = settings;
  }
  output;
  settings;
  get cwd() {
    return this.settings.cwd;
  }
  get user() {
    return this.settings.user;
  }
  get platform() {
    return this.settings.platform;
  }
  /** The environment as a map, in order: what an exec on this state sees. */
  get environment() {
    return new Map(this.settings.env);
  }
  /** The environment as `KEY=value` strings, in order. */
  get env() {
    return this.settings.env.map(([k, v]) => `${k}=${v}`);
  }
  getEnv(key) {
    return this.settings.env.find(([k]) => k === key)?.[1];
  }
  /** This state's settings on another filesystem. */
  withOutput(output) {
    return new _State(output, this.settings);
  }
  withEnv(key, value) {
    return new _State(this.output, { ...this.settings, env: setEnv(this.settings.env, key, value) });
  }
  /** Sets the working directory; a relative `dir` is taken from the current one. */
  withCwd(dir) {
    return new _State(this.output, { ...this.settings, cwd: resolvePath(this.settings.cwd, dir) });
  }
  withUser(user) {
    return new _State(this.output, { ...this.settings, user });
  }
  withPlatform(platform2) {
    return new _State(this.output, { ...this.settings, platform: platform2 });
  }
  /**
   * Applies what an image's config says about its processes: Env (in order), WorkingDir, User, and
   * the platform when both os and architecture are given. LLB never does this by itself.
   */
  /** Applies the parts of an image config that matter to execs: Env, WorkingDir, User, platform. */
  withImageConfig(image2) {
    let { env, cwd, user, platform: platform2 } = this.settings;
    const { secrets } = this.settings;
    for (const [key, value] of parseEnvList(image2.config?.Env)) env = setEnv(env, key, value);
    if (image2.config?.WorkingDir) cwd = resolvePath(cwd, image2.config.WorkingDir);
    if (image2.config?.User) user = image2.config.User;
    if (image2.architecture && image2.os) {
      platform2 = {
        architecture: image2.architecture,
        os: image2.os,
        variant: image2.variant,
        osVersion: image2["os.version"]
      };
    }
    return new _State(this.output, { env, cwd, user, platform: platform2, secrets });
  }
  /** Every exec on this state (and on what it builds) mounts these secrets, required, read-only. */
  withSecrets(ids) {
    return new _State(this.output, {
      ...this.settings,
      secrets: [.../* @__PURE__ */ new Set([...this.settings.secrets, ...ids])]
    });
  }
  /** Runs a command on this state's filesystem; the result's root is the changed filesystem. */
  run(opts) {
    const extra = opts.env === void 0 ? [] : Array.isArray(opts.env) ? opts.env : Object.entries(opts.env);
    let env = this.settings.env;
    for (const [k, v] of extra) env = setEnv(env, k, v);
    const exec = new ExecOp({
      root: this.output,
      args: opts.args,
      env: env.map(([k, v]) => `${k}=${v}`),
      cwd: opts.cwd === void 0 ? this.cwd : resolvePath(this.cwd, opts.cwd),
      user: opts.user ?? this.user,
      hostname: opts.hostname,
      network: opts.network ?? "sandbox",
      security: opts.security ?? "sandbox",
      mounts: [
        ...opts.mounts ?? [],
        ...this.settings.secrets.filter((id) => !opts.mounts?.some((m) => m.type === "secret" && m.id === id)).map((id) => ({ type: "secret", dest: `/run/secrets/${id}`, id }))
      ],
      secretEnv: opts.secretEnv ?? [],
      validExitCodes: opts.validExitCodes,
      platform: opts.platform ?? this.platform,
      customName: opts.customName,
      progressGroup: opts.progressGroup,
      ignoreCache: opts.ignoreCache
    });
    return new ExecState(exec, opts, this.settings);
  }
  /** Applies a chain of file actions (`mkdir(...).copy(...)`) to this state. */
  file(actions, opts = {}) {
    return this.withOutput({ vertex: new FileOp(this, actions, opts), index: 0 });
  }
};
var ExecState = class extends State {
  constructor(exec, opts, settings) {
    super({ vertex: exec, index: exec.outputIndex("/") }, settings);
    this.exec = exec;
    this.opts = opts;
  }
  exec;
  opts;
  /**
   * The filesystem at `dest` after the exec: a new output for a writable bind mount, the unchanged
   * source for a read-only one. Cache, tmpfs and secret mounts leave nothing to build on.
   */
  mount(dest) {
    if (dest === "/") return this;
    const m = this.opts.mounts?.find((x) => x.dest === dest);
    if (!m) throw new Error(`run: no mount at ${dest}`);
    if (m.type !== "bind") throw new Error(`run: the ${m.type} mount at ${dest} has no output to build on`);
    if (m.readonly) return m.source;
    return m.source.withOutput({ vertex: this.exec, index: this.exec.outputIndex(m.dest) });
  }
};

// frontend/llb/source.ts
var SourceOp = class {
  constructor(identifier, attrs, opts, caps, platformSpecific = false, platform2) {
    this.identifier = identifier;
    this.attrs = attrs;
    this.opts = opts;
    this.caps = caps;
    this.platformSpecific = platformSpecific;
    this.platform = platform2;
  }
  identifier;
  attrs;
  opts;
  caps;
  platformSpecific;
  platform;
  inputs() {
    return [];
  }
  toOp(ctx) {
    return {
      op: {
        op: { source: { identifier: this.identifier, attrs: this.attrs } },
        platform: this.platformSpecific ? this.platform ?? ctx.platform : void 0,
        constraints: {}
      },
      metadata: opMetadata2(this.opts, this.caps)
    };
  }
};
function sourceState(op2, platform2) {
  const s = new State({ vertex: op2, index: 0 });
  return platform2 ? s.withPlatform(platform2) : s;
}
function goJsonList(list) {
  return JSON.stringify(list).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function image(ref, opts = {}) {
  const attrs = {};
  const caps = [Cap.sourceImage];
  if (opts.resolveMode && opts.resolveMode !== "default") {
    attrs["image.resolvemode"] = opts.resolveMode;
    if (opts.resolveMode === "pull") caps.push(Cap.sourceImageResolveMode);
  }
  const op2 = new SourceOp(
    `docker-image://${qualifiedReference(ref)}`,
    attrs,
    opts,
    caps,
    true,
    opts.platform
  );
  return sourceState(op2, opts.platform);
}
function local(name, opts = {}) {
  const attrs = {};
  const caps = [Cap.sourceLocal];
  if (opts.sessionId) {
    attrs["local.session"] = opts.sessionId;
    caps.push(Cap.sourceLocalSessionId);
  }
  if (opts.include?.length) {
    attrs["local.includepattern"] = goJsonList(opts.include);
    caps.push(Cap.sourceLocalIncludePatterns);
  }
  if (opts.followPaths?.length) {
    attrs["local.followpaths"] = goJsonList(opts.followPaths);
    caps.push(Cap.sourceLocalFollowPaths);
  }
  if (opts.exclude?.length) {
    attrs["local.excludepatterns"] = goJsonList(opts.exclude);
    caps.push(Cap.sourceLocalExcludePatterns);
  }
  if (opts.sharedKeyHint) {
    attrs["local.sharedkeyhint"] = opts.sharedKeyHint;
    caps.push(Cap.sourceLocalSharedKeyHint);
  }
  if (opts.differ) attrs["local.differ"] = opts.differ;
  return sourceState(new SourceOp(`local://${name}`, attrs, opts, caps));
}
function scratch() {
  return new State(void 0);
}

// frontend/llb/splice.ts
var LEN = WireType.LengthDelimited;
var VARINT = WireType.Varint;
function decodeInput(bytes2) {
  const input2 = { digest: "", index: 0 };
  decodeFields("pb.Input", bytes2, {
    1: [LEN, (r) => input2.digest = r.string()],
    2: [VARINT, (r) => input2.index = readInt64Number(r)]
  });
  return input2;
}
function opInputs(bytes2) {
  const inputs = [];
  decodeFields("pb.Op", bytes2, { 1: [LEN, (r) => inputs.push(decodeInput(r.bytes()))] });
  return inputs;
}
function decodeOpMetadata(bytes2) {
  let ignoreCache = false;
  let description;
  let exportCache;
  let caps;
  let progressGroup2;
  decodeFields("pb.OpMetadata", bytes2, {
    1: [VARINT, (r) => ignoreCache = r.bool()],
    2: [
      LEN,
      (r) => {
        const [k, v] = decodeMapEntry("description entry", r.bytes(), LEN, readString, "");
        (description ??= {})[k] = v;
      }
    ],
    4: [
      LEN,
      (r) => {
        const e = {};
        decodeFields("pb.ExportCache", r.bytes(), {
          1: [
            VARINT,
            (er) => {
              if (er.bool()) e.value = true;
            }
          ]
        });
        exportCache = e;
      }
    ],
    5: [
      LEN,
      (r) => {
        const [k, v] = decodeMapEntry("caps entry", r.bytes(), VARINT, readBool, false);
        (caps ??= {})[k] = v;
      }
    ],
    6: [
      LEN,
      (r) => {
        const g = { id: "" };
        decodeFields("pb.ProgressGroup", r.bytes(), {
          1: [LEN, (gr) => g.id = gr.string()],
          2: [LEN, (gr) => g.name = gr.string()],
          3: [VARINT, (gr) => g.weak = gr.bool()]
        });
        progressGroup2 = g;
      }
    ]
  });
  const md = {};
  if (ignoreCache) md.ignoreCache = true;
  if (description) md.description = description;
  if (exportCache) md.exportCache = exportCache;
  if (caps) md.caps = caps;
  if (progressGroup2) md.progressGroup = progressGroup2;
  return md;
}
function decodeDefinition(bytes2) {
  const ops = [];
  const metadata = {};
  decodeFields("pb.Definition", bytes2, {
    1: [
      LEN,
      (r) => {
        const op2 = r.bytes().slice();
        ops.push({ bytes: op2, digest: digestOf(op2), inputs: opInputs(op2) });
      }
    ],
    2: [
      LEN,
      (r) => {
        const [k, v] = decodeMapEntry(
          "metadata entry",
          r.bytes(),
          LEN,
          (vr) => decodeOpMetadata(vr.bytes()),
          {}
        );
        metadata[k] = v;
      }
    ]
  });
  return { ops, metadata };
}
var SplicedOp = class {
  constructor(op2, metadata) {
    this.op = op2;
    this.metadata = metadata;
  }
  op;
  metadata;
  deps = [];
  caps;
  inputs() {
    return this.deps;
  }
  toOp(ctx) {
    for (const [i, dep] of this.deps.entries()) {
      const edge = ctx.input(dep);
      if (edge.digest !== this.op.inputs[i].digest) {
        throw new Error(`fromDefinition: op ${this.op.digest} input ${i} resolved to ${edge.digest}`);
      }
    }
    return { bytes: this.op.bytes, metadata: this.metadata };
  }
  definitionCaps() {
    return this.caps ?? {};
  }
};
function fromDefinition(bytes2) {
  if (bytes2.length === 0) return new State(void 0);
  const def = decodeDefinition(bytes2);
  const terminal = def.ops.at(-1);
  if (!terminal) throw new Error("fromDefinition: the Definition has no ops");
  const target = terminal.inputs[0];
  if (!target) throw new Error("fromDefinition: the last op of the Definition has no input");
  const byDigest = new Map(def.ops.map((op2) => [op2.digest, op2]));
  const vertices = /* @__PURE__ */ new Map();
  const resolving = /* @__PURE__ */ new Set();
  const vertexFor = (digest, from) => {
    const known = vertices.get(digest);
    if (known) return known;
    const op2 = byDigest.get(digest);
    if (!op2) throw new Error(`fromDefinition: ${from} reads ${digest}, which is not in the Definition`);
    if (resolving.has(digest)) throw new Error(`fromDefinition: op ${digest} depends on itself`);
    resolving.add(digest);
    const v = new SplicedOp(op2, def.metadata[digest]);
    v.deps = op2.inputs.map((inp) => ({ vertex: vertexFor(inp.digest, `op ${digest}`), index: inp.index }));
    resolving.delete(digest);
    vertices.set(digest, v);
    return v;
  };
  const head = vertexFor(target.digest, "the terminal op");
  head.caps = def.metadata[terminal.digest]?.caps;
  return new State({ vertex: head, index: target.index });
}

// frontend/convert/convert.ts
import path11 from "node:path/posix";

// frontend/convert/module-error.ts
var ModuleError = class extends FrontendError {
  constructor(module, key, message2) {
    super({ code: GrpcCode.INVALID_ARGUMENT, message: `module "${module}": ${message2}`, details: [] });
    this.module = module;
    this.key = key;
  }
  module;
  key;
};

// frontend/convert/toolchain.ts
function toolchainOverrideArg(language) {
  return `WASM_TOOLCHAIN_IMAGE_${language.toUpperCase()}`;
}
function chooseToolchainImage(module, driver, buildArgs) {
  if (!module.language || !driver) {
    if (!module.toolchain.image)
      throw new ModuleError(
        module.name,
        ["build"],
        "a custom build needs toolchain.image, the image to run it in"
      );
    return module.toolchain.image;
  }
  const override = buildArgs.get(toolchainOverrideArg(module.language));
  if (override) return override;
  return toolchainImage(module.toolchain, driver.defaultImage(module.language));
}
async function resolveToolchain(gateway, ref, platform2, label, resolveMode) {
  const resolved = await gateway.resolveImageConfig(ref, {
    platform: platform2,
    resolveMode,
    logName: `${label} resolve toolchain ${ref}`
  });
  const config = JSON.parse(new TextDecoder().decode(resolved.config));
  const pinned = resolved.digest && !ref.includes("@") ? `${ref}@${resolved.digest}` : ref;
  const state = image(pinned, { platform: platform2, customName: `${label} toolchain ${ref}` }).withImageConfig({
    config: config.config
  });
  return { state, env: state.environment, image: pinned };
}

// frontend/convert/context-files.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
var MODE_DIR = 2147483648;
async function listFiles(gateway, ref, dir) {
  const out = [];
  const walk = async (rel) => {
    const entries = await gateway.readDir(ref, rel === "" ? dir : `${dir}/${rel}`);
    for (const e of entries) {
      const name = e.path.split("/").pop();
      const child = rel === "" ? name : `${rel}/${name}`;
      if ((e.mode & MODE_DIR) >>> 0 !== 0) await walk(child);
      else out.push(child);
    }
  };
  await walk("");
  return out.sort();
}
function matchFiles(files, patterns) {
  const isMatch = (0, import_picomatch.default)([...patterns], { dot: false });
  return files.filter((f) => isMatch(f));
}

// frontend/languages/assemblyscript.ts
import path2 from "node:path/posix";

// frontend/languages/driver.ts
var SRC_DIR = "/src";
var OUT_DIR = "/out";
function splitFlags(value) {
  return (value ?? "").split(/\s+/).filter(Boolean);
}

// frontend/languages/npm.ts
import path from "node:path/posix";
var NODE_IMAGE = "docker.io/library/node:24-bookworm-slim";
var DEPS_DIR = "/deps";
var NPM_CACHE_DIR = "/root/.npm";
var NPM_CACHE_ID = "wasm-build-npm-cache";
var MANIFEST = "package.json";
var LOCKFILES = ["package-lock.json", "npm-shrinkwrap.json"];
function npmInstallArgs(hasLockfile) {
  return ["npm", hasLockfile ? "ci" : "install", "--include=dev", "--no-audit", "--no-fund"];
}
function npmEnv(module, cacheDir) {
  return { npm_config_cache: cacheDir, npm_config_update_notifier: "false", ...module.env };
}
async function npmDependencies(inputs, needs) {
  const { module, label, ignoreCache } = inputs;
  const present = await inputs.files([MANIFEST, ...LOCKFILES]);
  if (!present.includes(MANIFEST)) {
    throw new ModuleError(
      module.name,
      ["source"],
      `no ${MANIFEST} under "${module.source}" (or include/exclude leave it out); ${needs}`
    );
  }
  const lockfiles = LOCKFILES.filter((f) => present.includes(f));
  const cacheDir = inputs.toolchainEnv.get("npm_config_cache") ?? NPM_CACHE_DIR;
  const env = npmEnv(module, cacheDir);
  const npmCache = { type: "cache", dest: cacheDir, id: NPM_CACHE_ID, sharing: "shared" };
  let manifest = copy(inputs.context, path.join("/", module.source, MANIFEST), `/${MANIFEST}`);
  for (const f of lockfiles)
    manifest = manifest.copy(inputs.context, path.join("/", module.source, f), `/${f}`);
  const manifestState2 = scratch().file(manifest, {
    ignoreCache,
    customName: `${label} npm manifest (${[MANIFEST, ...lockfiles].join(", ")})`
  });
  const installArgs = npmInstallArgs(lockfiles.length > 0);
  const install = inputs.toolchain.run({
    args: installArgs,
    env,
    cwd: DEPS_DIR,
    mounts: [{ type: "bind", dest: DEPS_DIR, source: manifestState2 }, npmCache],
    ignoreCache,
    customName: `${label} ${installArgs.slice(0, 2).join(" ")}`
  });
  return { install, env };
}
function nodeModulesMount(deps, cwd) {
  return {
    type: "bind",
    dest: path.join(cwd, "node_modules"),
    source: deps.install.mount(DEPS_DIR),
    selector: "/node_modules",
    readonly: true
  };
}

// frontend/languages/assemblyscript.ts
var WASI_SHIM_CONFIG = "./node_modules/@assemblyscript/wasi-shim/asconfig.json";
function options(module) {
  if (!module.assemblyscript) throw new Error(`module "${module.name}" has no assemblyscript options`);
  return module.assemblyscript;
}
var COMPONENT_REALLOC_SOURCE = `// Written by wasm-build for target = "wasip2": the preview1 adapter allocates through this.
export function cabi_realloc(ptr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  return ptr == 0 ? heap.alloc(newSize) : heap.realloc(ptr, newSize);
}
`;
var COMPONENT_REALLOC_DIR = ".wasm-build";
var COMPONENT_REALLOC_FILE = "component-realloc.ts";
function ascArgs(module, output) {
  const opts = options(module);
  return [
    "npx",
    "--no-install",
    "asc",
    opts.entry,
    ...module.target === "wasip2" ? [`${COMPONENT_REALLOC_DIR}/${COMPONENT_REALLOC_FILE}`] : [],
    "--outFile",
    output,
    "--config",
    WASI_SHIM_CONFIG,
    ...module.profile === "release" ? ["-O"] : ["--debug"],
    ...opts.options
  ];
}
var assemblyscriptDriver = {
  languages: ["assemblyscript"],
  defaultImage: () => NODE_IMAGE,
  async build(inputs) {
    const { module, label, ignoreCache } = inputs;
    const opts = options(module);
    const deps = await npmDependencies(
      inputs,
      "an AssemblyScript module needs one that depends on assemblyscript and @assemblyscript/wasi-shim"
    );
    const entry = await inputs.files([opts.entry]);
    if (entry.length === 0) {
      throw new ModuleError(
        module.name,
        ["assemblyscript", "entry"],
        `the AssemblyScript entry "${opts.entry}" is not under "${module.source}" (set assemblyscript.entry)`
      );
    }
    const out = `${OUT_DIR}/${module.name}.wasm`;
    const component = module.target === "wasip2";
    const cwd = path2.join(SRC_DIR, module.source);
    const compile = inputs.toolchain.run({
      args: ascArgs(module, out),
      env: deps.env,
      cwd,
      network: "none",
      mounts: [
        // Writable only because runc must create the node_modules mount point inside it (on a read-only
        // mount that fails with EROFS); the exec's copy of the context is thrown away.
        { type: "bind", dest: SRC_DIR, source: inputs.context },
        nodeModulesMount(deps, cwd),
        { type: "bind", dest: OUT_DIR, source: scratch() },
        ...component ? [componentReallocMount(cwd, label, ignoreCache)] : []
      ],
      ignoreCache,
      customName: `${label} asc ${opts.entry}`
    });
    return {
      output: compile.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      // asc writes names and debug info only with --debug, which a release build leaves out.
      stripped: module.optimize.strip && module.profile === "release",
      ...component ? { componentize: true } : {}
    };
  }
};
function componentReallocMount(cwd, label, ignoreCache) {
  const file = scratch().file(
    mkfile(`/${COMPONENT_REALLOC_FILE}`, 420, COMPONENT_REALLOC_SOURCE, { createdTime: /* @__PURE__ */ new Date(0) }),
    { ignoreCache, customName: `${label} cabi_realloc for the preview1 adapter` }
  );
  return { type: "bind", dest: path2.join(cwd, COMPONENT_REALLOC_DIR), source: file, readonly: true };
}

// frontend/languages/c.ts
import path3 from "node:path/posix";
var WASI_SDK_IMAGE = "ghcr.io/webassembly/wasi-sdk:wasi-sdk-25";
function clangTarget(_module) {
  return "wasm32-wasi";
}
function clangArgs(module, language, env, sources, output) {
  const opts = language === "c" ? module.c : module.cpp;
  if (!opts) throw new Error(`module "${module.name}" has no ${language} options`);
  const compiler = splitFlags(env.get(language === "c" ? "CC" : "CXX"));
  const cflags = splitFlags(env.get(language === "c" ? "CFLAGS" : "CXXFLAGS"));
  const args = [
    ...compiler.length > 0 ? compiler : [language === "c" ? "clang" : "clang++"],
    ...cflags,
    `--target=${clangTarget(module)}`,
    ...module.profile === "release" ? ["-O2"] : ["-O0", "-g"],
    ...opts.flags,
    ...opts.defines.map((d) => `-D${d}`),
    ...opts.emulations.map((e) => `-D${emulationDefine(e)}`),
    "-o",
    output,
    ...sources,
    ...splitFlags(env.get("LDFLAGS")),
    ...module.optimize.strip ? ["-Wl,--strip-all"] : [],
    ...opts["link-flags"],
    // Libraries after the sources: the linker resolves a library's symbols only for objects before it.
    ...opts.emulations.map(emulationLibrary)
  ];
  return args;
}
var cDriver = {
  languages: ["c", "cpp"],
  defaultImage: () => WASI_SDK_IMAGE,
  async build(inputs) {
    const { module } = inputs;
    const language = module.language;
    const opts = language === "c" ? module.c : module.cpp;
    const sources = await inputs.files(opts?.sources ?? []);
    if (sources.length === 0) {
      throw new ModuleError(
        module.name,
        [language, "sources"],
        `no ${language} sources match ${JSON.stringify(opts?.sources)} under "${module.source}"`
      );
    }
    const out = `${OUT_DIR}/${module.name}.wasm`;
    const run = inputs.toolchain.run({
      args: clangArgs(module, language, inputs.toolchainEnv, sources, out),
      env: module.env,
      cwd: path3.join(SRC_DIR, module.source),
      network: "none",
      mounts: [
        { type: "bind", dest: SRC_DIR, source: inputs.context, readonly: true },
        { type: "bind", dest: OUT_DIR, source: scratch() }
      ],
      ignoreCache: inputs.ignoreCache,
      customName: `${inputs.label} compile ${language === "c" ? "C" : "C++"} (${sources.length} file${sources.length === 1 ? "" : "s"})`
    });
    return {
      output: run.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      stripped: module.optimize.strip,
      ...module.target === "wasip2" ? { componentize: true } : {}
    };
  }
};

// frontend/languages/go.ts
import path4 from "node:path/posix";
var GO_IMAGE = "docker.io/library/golang:1.27.4";
var GOMODCACHE = "/wasm-build/gomodcache";
var GOCACHE = "/wasm-build/gocache";
var GOCACHE_ID = "wasm-build/go-build-cache";
var GO_MODULE_FILES = ["**/go.mod", "**/go.sum", "go.work", "go.work.sum"];
var BUILD_USER = "0:0";
function goOptions(module, language) {
  const opts = language === "go" ? module.go : module.tinygo;
  if (!opts) throw new Error(`module "${module.name}" has no ${language} options`);
  return opts;
}
async function goLayout(inputs) {
  const { module } = inputs;
  const found = new Set(await inputs.files(["go.mod", "go.sum", "go.work", "vendor/modules.txt"]));
  if (!found.has("go.mod")) {
    throw new ModuleError(
      module.name,
      ["source"],
      `no go.mod in "${module.source}": "source" is the Go module's root directory (run \`go mod init\` there), and go.package picks the main package within it, e.g. "./cmd/app"`
    );
  }
  const vendored = found.has("vendor/modules.txt");
  return { download: !vendored && (found.has("go.sum") || found.has("go.work")) };
}
var TAG = /^[\p{L}\p{N}_.]+$/u;
function tagsArg(module, language) {
  const tags = goOptions(module, language).tags;
  for (const t of tags) {
    if (!TAG.test(t)) {
      throw new ModuleError(
        module.name,
        [language, "tags"],
        `${language}.tags: ${JSON.stringify(t)} is not a build tag (letters, digits, "_" and ".")`
      );
    }
  }
  return tags.length > 0 ? [`-tags=${tags.join(",")}`] : [];
}
function packageArg(module, language) {
  const pkg = goOptions(module, language).package;
  if (pkg.startsWith("-")) {
    throw new ModuleError(
      module.name,
      [language, "package"],
      `${language}.package ${JSON.stringify(pkg)} must be a package path, not a flag`
    );
  }
  return pkg;
}
var SPACE = /[ \t\n\r]/;
function linkerArgs(elements) {
  const args = [];
  for (const e of elements) {
    if (e.trim() === "") continue;
    const blank = e.search(SPACE);
    if (!e.startsWith("-") || blank < 0) {
      args.push(e);
      continue;
    }
    const value = e.slice(blank).replace(/^[ \t\n\r]+/, "");
    args.push(e.slice(0, blank), ...value === "" ? [] : [value]);
  }
  return args;
}
function goQuote(args) {
  return args.map((a) => {
    const space = SPACE.test(a);
    const single2 = a.includes("'");
    const double = a.includes('"');
    if (!space && !single2 && !double) return a;
    if (!single2) return `'${a}'`;
    if (!double) return `"${a}"`;
    throw new Error(`${JSON.stringify(a)} holds both ' and ", which go's flag quoting cannot express`);
  }).join(" ");
}
function goLdflagsArg(module) {
  const args = [
    ...module.optimize.strip ? ["-s", "-w"] : [],
    ...linkerArgs(goOptions(module, "go").ldflags)
  ];
  if (args.length === 0) return [];
  if (!args[0].startsWith("-")) {
    throw new ModuleError(
      module.name,
      ["go", "ldflags"],
      `go.ldflags must start with a flag, e.g. "-X main.version=1.0", not ${JSON.stringify(args[0])}`
    );
  }
  try {
    return [`-ldflags=${goQuote(args)}`];
  } catch (e) {
    throw new ModuleError(module.name, ["go", "ldflags"], `go.ldflags: ${e.message}`);
  }
}
function goBuildArgs(module, output) {
  return [
    "go",
    "build",
    // No build-machine paths in the module, and no VCS stamping: the context usually holds .git, which
    // go would read with git (missing from many images, and refused for another owner's checkout).
    "-trimpath",
    "-buildvcs=false",
    // Debug: no optimisation and no inlining, so a debugger sees the code as written.
    ...module.profile === "debug" ? ["-gcflags=all=-N -l"] : [],
    ...tagsArg(module, "go"),
    ...goLdflagsArg(module),
    "-o",
    output,
    packageArg(module, "go")
  ];
}
function goEnv(module, fixed) {
  return [
    // The image is the toolchain: a go.mod asking for a newer go fails instead of fetching one.
    ["GOTOOLCHAIN", "local"],
    ...Object.entries(module.env),
    ["GOMODCACHE", GOMODCACHE],
    ["GOCACHE", GOCACHE],
    ...Object.entries(fixed)
  ];
}
var OFFLINE = { GOPROXY: "off" };
function moduleCacheMount(modules) {
  return modules ? [{ type: "bind", dest: GOMODCACHE, source: modules, readonly: true }] : [];
}
function downloadModules(inputs, env) {
  const { module, label, ignoreCache } = inputs;
  const dir = path4.join(SRC_DIR, module.source);
  const definitions = scratch().file(
    copy(inputs.context, path4.join("/", module.source), "/", {
      contentsOnly: true,
      include: GO_MODULE_FILES
    }),
    { customName: `${label} go.mod and go.sum`, ignoreCache }
  );
  const run = inputs.toolchain.run({
    args: ["go", "mod", "download"],
    env,
    cwd: dir,
    user: BUILD_USER,
    mounts: [
      { type: "bind", dest: dir, source: definitions, readonly: true },
      { type: "bind", dest: GOMODCACHE, source: scratch() }
    ],
    ignoreCache,
    customName: `${label} go mod download`
  });
  return run.mount(GOMODCACHE);
}
async function buildGoFamily(inputs, b) {
  const { module, ignoreCache } = inputs;
  const layout = await goLayout(inputs);
  const modules = layout.download ? downloadModules(inputs, b.downloadEnv) : void 0;
  const run = inputs.toolchain.run({
    args: b.args(`${OUT_DIR}/${module.name}.wasm`),
    env: b.buildEnv,
    cwd: path4.join(SRC_DIR, module.source),
    user: BUILD_USER,
    network: "none",
    mounts: [
      { type: "bind", dest: SRC_DIR, source: inputs.context, readonly: true },
      { type: "bind", dest: OUT_DIR, source: scratch() },
      ...moduleCacheMount(modules),
      { type: "cache", dest: GOCACHE, id: GOCACHE_ID, sharing: "shared" },
      ...b.caches ?? []
    ],
    ignoreCache,
    customName: `${inputs.label} ${b.name}`
  });
  const componentize = module.language === "go" && module.target === "wasip2";
  return {
    output: run.mount(OUT_DIR),
    path: `/${module.name}.wasm`,
    stripped: module.optimize.strip,
    ...componentize ? { componentize } : {}
  };
}
var goDriver = {
  languages: ["go"],
  defaultImage: () => GO_IMAGE,
  build(inputs) {
    const { module } = inputs;
    const target = { GOOS: "wasip1", GOARCH: "wasm" };
    return buildGoFamily(inputs, {
      args: (out) => goBuildArgs(module, out),
      downloadEnv: goEnv(module, target),
      buildEnv: goEnv(module, { ...target, ...OFFLINE }),
      name: `go build ${packageArg(module, "go")}`
    });
  }
};

// frontend/languages/javascript.ts
import path6 from "node:path/posix";

// frontend/languages/wasi-wit.ts
var WASI_WIT_VERSION = "0.2.12";
var WASI_WIT_PACKAGES = {
  "wasi-cli": `package wasi:cli@0.2.12;
world command {
  include imports;
  export run;
}
interface environment {
  get-environment: func() -> list<tuple<string, string>>;
  get-arguments: func() -> list<string>;
  initial-cwd: func() -> option<string>;
}
interface exit {
  exit: func(status: result);
  exit-with-code: func(status-code: u8);
}
world imports {
  include wasi:clocks/imports@0.2.12;
  include wasi:filesystem/imports@0.2.12;
  include wasi:sockets/imports@0.2.12;
  include wasi:random/imports@0.2.12;
  include wasi:io/imports@0.2.12;
  import environment;
  import exit;
  import stdin;
  import stdout;
  import stderr;
  import terminal-input;
  import terminal-output;
  import terminal-stdin;
  import terminal-stdout;
  import terminal-stderr;
}
interface run {
  run: func() -> result;
}
interface stdin {
  use wasi:io/streams@0.2.12.{input-stream};
  get-stdin: func() -> input-stream;
}
interface stdout {
  use wasi:io/streams@0.2.12.{output-stream};
  get-stdout: func() -> output-stream;
}
interface stderr {
  use wasi:io/streams@0.2.12.{output-stream};
  get-stderr: func() -> output-stream;
}
interface terminal-input {
    resource terminal-input;
}
interface terminal-output {
    resource terminal-output;
}
interface terminal-stdin {
    use terminal-input.{terminal-input};
    get-terminal-stdin: func() -> option<terminal-input>;
}
interface terminal-stdout {
    use terminal-output.{terminal-output};
    get-terminal-stdout: func() -> option<terminal-output>;
}
interface terminal-stderr {
    use terminal-output.{terminal-output};
    get-terminal-stderr: func() -> option<terminal-output>;
}
`,
  "wasi-clocks": `package wasi:clocks@0.2.12;
interface monotonic-clock {
    use wasi:io/poll@0.2.12.{pollable};
    type instant = u64;
    type duration = u64;
    now: func() -> instant;
    resolution: func() -> duration;
    subscribe-instant: func(
        when: instant,
    ) -> pollable;
    subscribe-duration: func(
        when: duration,
    ) -> pollable;
}
@unstable(feature = clocks-timezone)
interface timezone {
    @unstable(feature = clocks-timezone)
    use wall-clock.{datetime};
    @unstable(feature = clocks-timezone)
    display: func(when: datetime) -> timezone-display;
    @unstable(feature = clocks-timezone)
    utc-offset: func(when: datetime) -> s32;
    @unstable(feature = clocks-timezone)
    record timezone-display {
        utc-offset: s32,
        name: string,
        in-daylight-saving-time: bool,
    }
}
interface wall-clock {
    record datetime {
        seconds: u64,
        nanoseconds: u32,
    }
    now: func() -> datetime;
    resolution: func() -> datetime;
}
world imports {
    import monotonic-clock;
    import wall-clock;
    @unstable(feature = clocks-timezone)
    import timezone;
}
`,
  "wasi-filesystem": `package wasi:filesystem@0.2.12;
interface preopens {
    use types.{descriptor};
    get-directories: func() -> list<tuple<descriptor, string>>;
}
interface types {
    use wasi:io/streams@0.2.12.{input-stream, output-stream, error};
    use wasi:clocks/wall-clock@0.2.12.{datetime};
    type filesize = u64;
    enum descriptor-type {
        unknown,
        block-device,
        character-device,
        directory,
        fifo,
        symbolic-link,
        regular-file,
        socket,
    }
    flags descriptor-flags {
        read,
        write,
        file-integrity-sync,
        data-integrity-sync,
        requested-write-sync,
        mutate-directory,
    }
    record descriptor-stat {
        %type: descriptor-type,
        link-count: link-count,
        size: filesize,
        data-access-timestamp: option<datetime>,
        data-modification-timestamp: option<datetime>,
        status-change-timestamp: option<datetime>,
    }
    flags path-flags {
        symlink-follow,
    }
    flags open-flags {
        create,
        directory,
        exclusive,
        truncate,
    }
    type link-count = u64;
    variant new-timestamp {
        no-change,
        now,
        timestamp(datetime),
    }
    record directory-entry {
        %type: descriptor-type,
        name: string,
    }
    enum error-code {
        access,
        would-block,
        already,
        bad-descriptor,
        busy,
        deadlock,
        quota,
        exist,
        file-too-large,
        illegal-byte-sequence,
        in-progress,
        interrupted,
        invalid,
        io,
        is-directory,
        loop,
        too-many-links,
        message-size,
        name-too-long,
        no-device,
        no-entry,
        no-lock,
        insufficient-memory,
        insufficient-space,
        not-directory,
        not-empty,
        not-recoverable,
        unsupported,
        no-tty,
        no-such-device,
        overflow,
        not-permitted,
        pipe,
        read-only,
        invalid-seek,
        text-file-busy,
        cross-device,
    }
    enum advice {
        normal,
        sequential,
        random,
        will-need,
        dont-need,
        no-reuse,
    }
    record metadata-hash-value {
       lower: u64,
       upper: u64,
    }
    resource descriptor {
        read-via-stream: func(
            offset: filesize,
        ) -> result<input-stream, error-code>;
        write-via-stream: func(
            offset: filesize,
        ) -> result<output-stream, error-code>;
        append-via-stream: func() -> result<output-stream, error-code>;
        advise: func(
            offset: filesize,
            length: filesize,
            advice: advice
        ) -> result<_, error-code>;
        sync-data: func() -> result<_, error-code>;
        get-flags: func() -> result<descriptor-flags, error-code>;
        get-type: func() -> result<descriptor-type, error-code>;
        set-size: func(size: filesize) -> result<_, error-code>;
        set-times: func(
            data-access-timestamp: new-timestamp,
            data-modification-timestamp: new-timestamp,
        ) -> result<_, error-code>;
        read: func(
            length: filesize,
            offset: filesize,
        ) -> result<tuple<list<u8>, bool>, error-code>;
        write: func(
            buffer: list<u8>,
            offset: filesize,
        ) -> result<filesize, error-code>;
        read-directory: func() -> result<directory-entry-stream, error-code>;
        sync: func() -> result<_, error-code>;
        create-directory-at: func(
            path: string,
        ) -> result<_, error-code>;
        stat: func() -> result<descriptor-stat, error-code>;
        stat-at: func(
            path-flags: path-flags,
            path: string,
        ) -> result<descriptor-stat, error-code>;
        set-times-at: func(
            path-flags: path-flags,
            path: string,
            data-access-timestamp: new-timestamp,
            data-modification-timestamp: new-timestamp,
        ) -> result<_, error-code>;
        link-at: func(
            old-path-flags: path-flags,
            old-path: string,
            new-descriptor: borrow<descriptor>,
            new-path: string,
        ) -> result<_, error-code>;
        open-at: func(
            path-flags: path-flags,
            path: string,
            open-flags: open-flags,
            %flags: descriptor-flags,
        ) -> result<descriptor, error-code>;
        readlink-at: func(
            path: string,
        ) -> result<string, error-code>;
        remove-directory-at: func(
            path: string,
        ) -> result<_, error-code>;
        rename-at: func(
            old-path: string,
            new-descriptor: borrow<descriptor>,
            new-path: string,
        ) -> result<_, error-code>;
        symlink-at: func(
            old-path: string,
            new-path: string,
        ) -> result<_, error-code>;
        unlink-file-at: func(
            path: string,
        ) -> result<_, error-code>;
        is-same-object: func(other: borrow<descriptor>) -> bool;
        metadata-hash: func() -> result<metadata-hash-value, error-code>;
        metadata-hash-at: func(
            path-flags: path-flags,
            path: string,
        ) -> result<metadata-hash-value, error-code>;
    }
    resource directory-entry-stream {
        read-directory-entry: func() -> result<option<directory-entry>, error-code>;
    }
    filesystem-error-code: func(err: borrow<error>) -> option<error-code>;
}
world imports {
    import types;
    import preopens;
}
`,
  "wasi-http": `package wasi:http@0.2.12;
interface incoming-handler {
  use types.{incoming-request, response-outparam};
  handle: func(
    request: incoming-request,
    response-out: response-outparam
  );
}
interface outgoing-handler {
  use types.{
    outgoing-request, request-options, future-incoming-response, error-code
  };
  handle: func(
    request: outgoing-request,
    options: option<request-options>
  ) -> result<future-incoming-response, error-code>;
}
world imports {
  import wasi:clocks/monotonic-clock@0.2.12;
  import wasi:clocks/wall-clock@0.2.12;
  import wasi:random/random@0.2.12;
  import wasi:cli/stdout@0.2.12;
  import wasi:cli/stderr@0.2.12;
  import wasi:cli/stdin@0.2.12;
  import outgoing-handler;
}
world proxy {
  include imports;
  export incoming-handler;
}
interface types {
  use wasi:clocks/monotonic-clock@0.2.12.{duration};
  use wasi:io/streams@0.2.12.{input-stream, output-stream};
  use wasi:io/error@0.2.12.{error as io-error};
  use wasi:io/poll@0.2.12.{pollable};
  variant method {
    get,
    head,
    post,
    put,
    delete,
    connect,
    options,
    trace,
    patch,
    other(string)
  }
  variant scheme {
    HTTP,
    HTTPS,
    other(string)
  }
  variant error-code {
    DNS-timeout,
    DNS-error(DNS-error-payload),
    destination-not-found,
    destination-unavailable,
    destination-IP-prohibited,
    destination-IP-unroutable,
    connection-refused,
    connection-terminated,
    connection-timeout,
    connection-read-timeout,
    connection-write-timeout,
    connection-limit-reached,
    TLS-protocol-error,
    TLS-certificate-error,
    TLS-alert-received(TLS-alert-received-payload),
    HTTP-request-denied,
    HTTP-request-length-required,
    HTTP-request-body-size(option<u64>),
    HTTP-request-method-invalid,
    HTTP-request-URI-invalid,
    HTTP-request-URI-too-long,
    HTTP-request-header-section-size(option<u32>),
    HTTP-request-header-size(option<field-size-payload>),
    HTTP-request-trailer-section-size(option<u32>),
    HTTP-request-trailer-size(field-size-payload),
    HTTP-response-incomplete,
    HTTP-response-header-section-size(option<u32>),
    HTTP-response-header-size(field-size-payload),
    HTTP-response-body-size(option<u64>),
    HTTP-response-trailer-section-size(option<u32>),
    HTTP-response-trailer-size(field-size-payload),
    HTTP-response-transfer-coding(option<string>),
    HTTP-response-content-coding(option<string>),
    HTTP-response-timeout,
    HTTP-upgrade-failed,
    HTTP-protocol-error,
    loop-detected,
    configuration-error,
    internal-error(option<string>)
  }
  record DNS-error-payload {
    rcode: option<string>,
    info-code: option<u16>
  }
  record TLS-alert-received-payload {
    alert-id: option<u8>,
    alert-message: option<string>
  }
  record field-size-payload {
    field-name: option<string>,
    field-size: option<u32>
  }
  http-error-code: func(err: borrow<io-error>) -> option<error-code>;
  variant header-error {
    invalid-syntax,
    forbidden,
    immutable,
  }
  type field-name = field-key;
  type field-key = string;
  type field-value = list<u8>;
  resource fields {
    constructor();
    from-list: static func(
      entries: list<tuple<field-name,field-value>>
    ) -> result<fields, header-error>;
    get: func(name: field-name) -> list<field-value>;
    has: func(name: field-name) -> bool;
    set: func(name: field-name, value: list<field-value>) -> result<_, header-error>;
    delete: func(name: field-name) -> result<_, header-error>;
    append: func(name: field-name, value: field-value) -> result<_, header-error>;
    entries: func() -> list<tuple<field-name,field-value>>;
    clone: func() -> fields;
  }
  type headers = fields;
  type trailers = fields;
  resource incoming-request {
    method: func() -> method;
    path-with-query: func() -> option<string>;
    scheme: func() -> option<scheme>;
    authority: func() -> option<string>;
    headers: func() -> headers;
    consume: func() -> result<incoming-body>;
  }
  resource outgoing-request {
    constructor(
      headers: headers
    );
    body: func() -> result<outgoing-body>;
    method: func() -> method;
    set-method: func(method: method) -> result;
    path-with-query: func() -> option<string>;
    set-path-with-query: func(path-with-query: option<string>) -> result;
    scheme: func() -> option<scheme>;
    set-scheme: func(scheme: option<scheme>) -> result;
    authority: func() -> option<string>;
    set-authority: func(authority: option<string>) -> result;
    headers: func() -> headers;
  }
  resource request-options {
    constructor();
    connect-timeout: func() -> option<duration>;
    set-connect-timeout: func(duration: option<duration>) -> result;
    first-byte-timeout: func() -> option<duration>;
    set-first-byte-timeout: func(duration: option<duration>) -> result;
    between-bytes-timeout: func() -> option<duration>;
    set-between-bytes-timeout: func(duration: option<duration>) -> result;
  }
  resource response-outparam {
    @unstable(feature = informational-outbound-responses)
    send-informational: func(
      status: u16,
      headers: headers
    ) -> result<_, error-code>;
    set: static func(
      param: response-outparam,
      response: result<outgoing-response, error-code>,
    );
  }
  type status-code = u16;
  resource incoming-response {
    status: func() -> status-code;
    headers: func() -> headers;
    consume: func() -> result<incoming-body>;
  }
  resource incoming-body {
    %stream: func() -> result<input-stream>;
    finish: static func(this: incoming-body) -> future-trailers;
  }
  resource future-trailers {
    subscribe: func() -> pollable;
    get: func() -> option<result<result<option<trailers>, error-code>>>;
  }
  resource outgoing-response {
    constructor(headers: headers);
    status-code: func() -> status-code;
    set-status-code: func(status-code: status-code) -> result;
    headers: func() -> headers;
    body: func() -> result<outgoing-body>;
  }
  resource outgoing-body {
    write: func() -> result<output-stream>;
    finish: static func(
      this: outgoing-body,
      trailers: option<trailers>
    ) -> result<_, error-code>;
  }
  resource future-incoming-response {
    subscribe: func() -> pollable;
    get: func() -> option<result<result<incoming-response, error-code>>>;
  }
}
`,
  "wasi-io": `package wasi:io@0.2.12;
interface error {
    resource error {
        to-debug-string: func() -> string;
    }
}
interface poll {
    resource pollable {
        ready: func() -> bool;
        block: func();
    }
    poll: func(in: list<borrow<pollable>>) -> list<u32>;
}
interface streams {
    use error.{error};
    use poll.{pollable};
    variant stream-error {
        last-operation-failed(error),
        closed
    }
    resource input-stream {
        read: func(
            len: u64
        ) -> result<list<u8>, stream-error>;
        blocking-read: func(
            len: u64
        ) -> result<list<u8>, stream-error>;
        skip: func(
            len: u64,
        ) -> result<u64, stream-error>;
        blocking-skip: func(
            len: u64,
        ) -> result<u64, stream-error>;
        subscribe: func() -> pollable;
    }
    resource output-stream {
        check-write: func() -> result<u64, stream-error>;
        write: func(
            contents: list<u8>
        ) -> result<_, stream-error>;
        blocking-write-and-flush: func(
            contents: list<u8>
        ) -> result<_, stream-error>;
        flush: func() -> result<_, stream-error>;
        blocking-flush: func() -> result<_, stream-error>;
        subscribe: func() -> pollable;
        write-zeroes: func(
            len: u64
        ) -> result<_, stream-error>;
        blocking-write-zeroes-and-flush: func(
            len: u64
        ) -> result<_, stream-error>;
        splice: func(
            src: borrow<input-stream>,
            len: u64,
        ) -> result<u64, stream-error>;
        blocking-splice: func(
            src: borrow<input-stream>,
            len: u64,
        ) -> result<u64, stream-error>;
    }
}
world imports {
    import streams;
    import poll;
}
`,
  "wasi-random": `package wasi:random@0.2.12;
interface insecure-seed {
    insecure-seed: func() -> tuple<u64, u64>;
}
interface insecure {
    get-insecure-random-bytes: func(len: u64) -> list<u8>;
    get-insecure-random-u64: func() -> u64;
}
interface random {
    get-random-bytes: func(len: u64) -> list<u8>;
    get-random-u64: func() -> u64;
}
world imports {
    import random;
    import insecure;
    import insecure-seed;
}
`,
  "wasi-sockets": `package wasi:sockets@0.2.12;
interface instance-network {
    use network.{network};
    instance-network: func() -> network;
}
interface ip-name-lookup {
    use wasi:io/poll@0.2.12.{pollable};
    use network.{network, error-code, ip-address};
    resolve-addresses: func(network: borrow<network>, name: string) -> result<resolve-address-stream, error-code>;
    resource resolve-address-stream {
        resolve-next-address: func() -> result<option<ip-address>, error-code>;
        subscribe: func() -> pollable;
    }
}
interface network {
    @unstable(feature = network-error-code)
    use wasi:io/error@0.2.12.{error};
    resource network;
    enum error-code {
        unknown,
        access-denied,
        not-supported,
        invalid-argument,
        out-of-memory,
        timeout,
        concurrency-conflict,
        not-in-progress,
        would-block,
        invalid-state,
        new-socket-limit,
        address-not-bindable,
        address-in-use,
        remote-unreachable,
        connection-refused,
        connection-reset,
        connection-aborted,
        datagram-too-large,
        name-unresolvable,
        temporary-resolver-failure,
        permanent-resolver-failure,
    }
    @unstable(feature = network-error-code)
    network-error-code: func(err: borrow<error>) -> option<error-code>;
    enum ip-address-family {
        ipv4,
        ipv6,
    }
    type ipv4-address = tuple<u8, u8, u8, u8>;
    type ipv6-address = tuple<u16, u16, u16, u16, u16, u16, u16, u16>;
    variant ip-address {
        ipv4(ipv4-address),
        ipv6(ipv6-address),
    }
    record ipv4-socket-address {
        port: u16,
        address: ipv4-address,
    }
    record ipv6-socket-address {
        port: u16,
        flow-info: u32,
        address: ipv6-address,
        scope-id: u32,
    }
    variant ip-socket-address {
        ipv4(ipv4-socket-address),
        ipv6(ipv6-socket-address),
    }
}
interface tcp-create-socket {
    use network.{network, error-code, ip-address-family};
    use tcp.{tcp-socket};
    create-tcp-socket: func(address-family: ip-address-family) -> result<tcp-socket, error-code>;
}
interface tcp {
    use wasi:io/streams@0.2.12.{input-stream, output-stream};
    use wasi:io/poll@0.2.12.{pollable};
    use wasi:clocks/monotonic-clock@0.2.12.{duration};
    use network.{network, error-code, ip-socket-address, ip-address-family};
    enum shutdown-type {
        receive,
        send,
        both,
    }
    resource tcp-socket {
        start-bind: func(network: borrow<network>, local-address: ip-socket-address) -> result<_, error-code>;
        finish-bind: func() -> result<_, error-code>;
        start-connect: func(network: borrow<network>, remote-address: ip-socket-address) -> result<_, error-code>;
        finish-connect: func() -> result<tuple<input-stream, output-stream>, error-code>;
        start-listen: func() -> result<_, error-code>;
        finish-listen: func() -> result<_, error-code>;
        accept: func() -> result<tuple<tcp-socket, input-stream, output-stream>, error-code>;
        local-address: func() -> result<ip-socket-address, error-code>;
        remote-address: func() -> result<ip-socket-address, error-code>;
        is-listening: func() -> bool;
        address-family: func() -> ip-address-family;
        set-listen-backlog-size: func(value: u64) -> result<_, error-code>;
        keep-alive-enabled: func() -> result<bool, error-code>;
        set-keep-alive-enabled: func(value: bool) -> result<_, error-code>;
        keep-alive-idle-time: func() -> result<duration, error-code>;
        set-keep-alive-idle-time: func(value: duration) -> result<_, error-code>;
        keep-alive-interval: func() -> result<duration, error-code>;
        set-keep-alive-interval: func(value: duration) -> result<_, error-code>;
        keep-alive-count: func() -> result<u32, error-code>;
        set-keep-alive-count: func(value: u32) -> result<_, error-code>;
        hop-limit: func() -> result<u8, error-code>;
        set-hop-limit: func(value: u8) -> result<_, error-code>;
        receive-buffer-size: func() -> result<u64, error-code>;
        set-receive-buffer-size: func(value: u64) -> result<_, error-code>;
        send-buffer-size: func() -> result<u64, error-code>;
        set-send-buffer-size: func(value: u64) -> result<_, error-code>;
        subscribe: func() -> pollable;
        shutdown: func(shutdown-type: shutdown-type) -> result<_, error-code>;
    }
}
interface udp-create-socket {
    use network.{network, error-code, ip-address-family};
    use udp.{udp-socket};
    create-udp-socket: func(address-family: ip-address-family) -> result<udp-socket, error-code>;
}
interface udp {
    use wasi:io/poll@0.2.12.{pollable};
    use network.{network, error-code, ip-socket-address, ip-address-family};
    record incoming-datagram {
        data: list<u8>,
        remote-address: ip-socket-address,
    }
    record outgoing-datagram {
        data: list<u8>,
        remote-address: option<ip-socket-address>,
    }
    resource udp-socket {
        start-bind: func(network: borrow<network>, local-address: ip-socket-address) -> result<_, error-code>;
        finish-bind: func() -> result<_, error-code>;
        %stream: func(remote-address: option<ip-socket-address>) -> result<tuple<incoming-datagram-stream, outgoing-datagram-stream>, error-code>;
        local-address: func() -> result<ip-socket-address, error-code>;
        remote-address: func() -> result<ip-socket-address, error-code>;
        address-family: func() -> ip-address-family;
        unicast-hop-limit: func() -> result<u8, error-code>;
        set-unicast-hop-limit: func(value: u8) -> result<_, error-code>;
        receive-buffer-size: func() -> result<u64, error-code>;
        set-receive-buffer-size: func(value: u64) -> result<_, error-code>;
        send-buffer-size: func() -> result<u64, error-code>;
        set-send-buffer-size: func(value: u64) -> result<_, error-code>;
        subscribe: func() -> pollable;
    }
    resource incoming-datagram-stream {
        receive: func(max-results: u64) -> result<list<incoming-datagram>, error-code>;
        subscribe: func() -> pollable;
    }
    resource outgoing-datagram-stream {
        check-send: func() -> result<u64, error-code>;
        send: func(datagrams: list<outgoing-datagram>) -> result<u64, error-code>;
        subscribe: func() -> pollable;
    }
}
world imports {
    import instance-network;
    import network;
    import udp;
    import udp-create-socket;
    import tcp;
    import tcp-create-socket;
    import ip-name-lookup;
}
`
};

// frontend/languages/world.ts
import path5 from "node:path/posix";
var BUILTIN_WIT_DIR = "/wasm-build/wit";
function builtinWorldWit(world) {
  return `// Written by wasm-build: the built-in world ${world}.
package wasm-build:app;

world ${localName(world)} {
  include ${world}@${WASI_WIT_VERSION};
}
`;
}
var localName = (world) => world.slice(world.lastIndexOf("/") + 1);
function chooseWorld(opts, source, label, ignoreCache) {
  if (opts.wit !== void 0) return { witDir: path5.join(SRC_DIR, source, opts.wit), world: opts.world };
  const world = BUILTIN_WORLDS.find((w) => w === opts.world);
  if (!world) throw new Error(`world "${opts.world}" is not built in and the module names no wit directory`);
  const at = { createdTime: /* @__PURE__ */ new Date(0) };
  let files = new FileActions().mkfile("/world.wit", 420, builtinWorldWit(world), at);
  for (const [name, text2] of Object.entries(WASI_WIT_PACKAGES)) {
    files = files.mkdir(`/deps/${name}`, 493, { parents: true, ...at }).mkfile(`/deps/${name}/package.wit`, 420, text2, at);
  }
  const dir = scratch().file(files, { ignoreCache, customName: `${label} WIT of ${world}` });
  return {
    witDir: BUILTIN_WIT_DIR,
    world: localName(world),
    mount: { type: "bind", dest: BUILTIN_WIT_DIR, source: dir, readonly: true }
  };
}

// frontend/languages/javascript.ts
var JS_TOOLS = ["@bytecodealliance/componentize-js", "esbuild"];
var ENGINE = "node_modules/@bytecodealliance/componentize-js/lib/starlingmonkey_embedding.wasm";
var ENGINE_WASI_VERSION = 'const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));const e = WebAssembly.Module.exports(m).map((x) => x.name).find((n) => n.startsWith("wasi:http/incoming-handler@"));console.log(e ? e.slice(e.indexOf("@") + 1, e.indexOf("#")) : "")';
var COMPILE_SCRIPT = [
  "set -eu",
  'entry="$1" wit="$2" world="$3" out="$4" kind="$5"',
  `for tool in ${JS_TOOLS.join(" ")}; do`,
  '  if [ ! -d "node_modules/$tool" ]; then',
  `    echo "wasm-build: package.json must depend on $tool: a JavaScript module is bundled by esbuild and made a component by @bytecodealliance/componentize-js, both from the project's node_modules" >&2`,
  "    exit 1",
  "  fi",
  "done",
  // Under the working directory: componentize-js reads the WIT from a Wasm build of its splicer that
  // sees only the working directory (a path outside it is "No such file or directory").
  'work="$(mktemp -d "$PWD/.wasm-build.XXXXXX")"',
  'npx --no-install esbuild "$entry" --bundle --format=esm --platform=browser "--external:wasi:*" \\',
  '  --log-level=warning "--outfile=$work/bundle.js"',
  'if [ "$kind" != own ]; then cp -R "$wit" "$work/wit"; wit="$work/wit"; fi',
  'if [ "$kind" = proxy ]; then',
  `  version="$(node -e '${ENGINE_WASI_VERSION}' ${ENGINE})"`,
  '  if [ -n "$version" ]; then',
  `    find "$wit" -name "*.wit" -exec sed -i "s/@${WASI_WIT_VERSION.replaceAll(".", "\\.")}/@$version/g" {} +`,
  "  fi",
  "fi",
  // The source first: `-d` takes every argument after it.
  'set -- "$work/bundle.js" --wit "$wit" --world-name "$world" -o "$out"',
  'if [ "$kind" = command ]; then set -- "$@" -d http fetch-event; fi',
  'npx --no-install componentize-js "$@"'
].join("\n");
function worldKind(opts) {
  if (opts.wit !== void 0) return "own";
  return opts.world === "wasi:http/proxy" ? "proxy" : "command";
}
function options2(module) {
  if (!module.javascript) throw new Error(`module "${module.name}" has no javascript options`);
  return module.javascript;
}
var javascriptDriver = {
  languages: ["javascript"],
  defaultImage: () => NODE_IMAGE,
  async build(inputs) {
    const { module, label, ignoreCache } = inputs;
    const opts = options2(module);
    const deps = await npmDependencies(
      inputs,
      `a JavaScript module needs one that depends on ${JS_TOOLS.join(" and ")}`
    );
    if ((await inputs.files([opts.entry])).length === 0) {
      throw new ModuleError(
        module.name,
        ["javascript", "entry"],
        `the entry "${opts.entry}" is not under "${module.source}" (set javascript.entry)`
      );
    }
    const world = chooseWorld(opts, module.source, label, ignoreCache);
    const out = `${OUT_DIR}/${module.name}.wasm`;
    const cwd = path6.join(SRC_DIR, module.source);
    const compile = inputs.toolchain.run({
      args: [
        "sh",
        "-c",
        COMPILE_SCRIPT,
        "wasm-build-javascript",
        opts.entry,
        world.witDir,
        world.world,
        out,
        worldKind(opts)
      ],
      env: deps.env,
      cwd,
      network: "none",
      mounts: [
        // Writable only because runc must create the node_modules mount point inside it (on a read-only
        // mount that fails with EROFS); the exec's copy of the context is thrown away.
        { type: "bind", dest: SRC_DIR, source: inputs.context },
        nodeModulesMount(deps, cwd),
        { type: "bind", dest: OUT_DIR, source: scratch() },
        ...world.mount ? [world.mount] : []
      ],
      ignoreCache,
      customName: `${label} esbuild ${opts.entry} + componentize-js (${opts.world})`
    });
    return { output: compile.mount(OUT_DIR), path: `/${module.name}.wasm` };
  }
};

// frontend/languages/python.ts
import path7 from "node:path/posix";
var PYTHON_IMAGE = "docker.io/library/python:3.13-slim-bookworm";
var TOOLS_DIR = "/wasm-build/componentize-py";
var PACKAGES_DIR = "/wasm-build/site-packages";
var REQUIREMENTS = "requirements.txt";
var PIP_CACHE_DIR = "/root/.cache/pip";
var PIP_CACHE_ID = "wasm-build-pip-cache";
function options3(module) {
  if (!module.python) throw new Error(`module "${module.name}" has no python options`);
  return module.python;
}
function pipInstallArgs(target, packages, onlyAny) {
  return [
    "python3",
    "-m",
    "pip",
    "install",
    "--target",
    target,
    "--only-binary=:all:",
    ...onlyAny ? ["--platform", "any"] : [],
    "--no-compile",
    ...packages
  ];
}
var appFiles = (app) => {
  const base = app.replaceAll(".", "/");
  return [`${base}.py`, `${base}/__init__.py`];
};
var pythonDriver = {
  languages: ["python"],
  defaultImage: () => PYTHON_IMAGE,
  async build(inputs) {
    const { module, label, ignoreCache } = inputs;
    const opts = options3(module);
    const present = await inputs.files([...appFiles(opts.app), REQUIREMENTS]);
    if (!appFiles(opts.app).some((f) => present.includes(f))) {
      throw new ModuleError(
        module.name,
        ["python", "app"],
        `the app module "${opts.app}" is neither ${appFiles(opts.app).join(" nor ")} under "${module.source}" (set python.app)`
      );
    }
    const cacheDir = inputs.toolchainEnv.get("PIP_CACHE_DIR") ?? PIP_CACHE_DIR;
    const env = {
      PIP_DISABLE_PIP_VERSION_CHECK: "1",
      PIP_ROOT_USER_ACTION: "ignore",
      PIP_CACHE_DIR: cacheDir,
      ...module.env
    };
    const pipCache = { type: "cache", dest: cacheDir, id: PIP_CACHE_ID, sharing: "shared" };
    const tool = `componentize-py==${opts["componentize-py"]}`;
    const tools = inputs.toolchain.run({
      args: pipInstallArgs(TOOLS_DIR, [tool], false),
      env,
      mounts: [{ type: "bind", dest: TOOLS_DIR, source: scratch() }, pipCache],
      ignoreCache,
      customName: `${label} pip install ${tool}`
    });
    const mounts = [
      { type: "bind", dest: TOOLS_DIR, source: tools.mount(TOOLS_DIR), readonly: true }
    ];
    const pythonPath = ["-p", "."];
    if (present.includes(REQUIREMENTS)) {
      const requirements = scratch().file(
        copy(inputs.context, path7.join("/", module.source, REQUIREMENTS), `/${REQUIREMENTS}`),
        { ignoreCache, customName: `${label} ${REQUIREMENTS}` }
      );
      const install = inputs.toolchain.run({
        args: pipInstallArgs(PACKAGES_DIR, ["-r", `/wasm-build/${REQUIREMENTS}`], true),
        env,
        mounts: [
          { type: "bind", dest: PACKAGES_DIR, source: scratch() },
          {
            type: "bind",
            dest: `/wasm-build/${REQUIREMENTS}`,
            source: requirements,
            selector: `/${REQUIREMENTS}`,
            readonly: true
          },
          pipCache
        ],
        ignoreCache,
        customName: `${label} pip install -r ${REQUIREMENTS}`
      });
      mounts.push({ type: "bind", dest: PACKAGES_DIR, source: install.mount(PACKAGES_DIR), readonly: true });
      pythonPath.push("-p", PACKAGES_DIR);
    }
    const world = chooseWorld(opts, module.source, label, ignoreCache);
    const compile = inputs.toolchain.run({
      args: [
        "python3",
        `${TOOLS_DIR}/bin/componentize-py`,
        "-d",
        world.witDir,
        "-w",
        world.world,
        "componentize",
        opts.app,
        ...pythonPath,
        "-o",
        `${OUT_DIR}/${module.name}.wasm`
      ],
      env: { ...env, PYTHONPATH: TOOLS_DIR },
      cwd: path7.join(SRC_DIR, module.source),
      network: "none",
      mounts: [
        // Writable: Python may write __pycache__ beside the app; the exec's copy of the context is thrown away.
        { type: "bind", dest: SRC_DIR, source: inputs.context },
        { type: "bind", dest: OUT_DIR, source: scratch() },
        ...mounts,
        ...world.mount ? [world.mount] : []
      ],
      ignoreCache,
      customName: `${label} componentize-py componentize ${opts.app} (${opts.world})`
    });
    return { output: compile.mount(OUT_DIR), path: `/${module.name}.wasm` };
  }
};

// frontend/languages/rust.ts
import path8 from "node:path/posix";
var RUST_IMAGE = "docker.io/library/rust:1.96.0";
var TARGET_DIR = "/cargo-target";
var targetCacheId = (module) => `wasm-build-cargo-target-${module.name}`;
var TRIPLES = {
  wasip1: ["wasm32-wasip1", "wasm32-wasi"],
  wasip2: ["wasm32-wasip2"]
};
var RUSTC_PROBE = [
  "set -e",
  "rustc -V",
  "echo ---",
  "rustc --print target-list",
  "echo ---",
  'sysroot="$(rustc --print sysroot)"',
  'for d in "$sysroot"/lib/rustlib/*/lib; do if [ -d "$d" ]; then basename "$(dirname "$d")"; fi; done',
  "echo ---",
  "if command -v rustup >/dev/null 2>&1; then echo rustup; fi"
].join("\n").concat("\n");
function parseRustcProbe(text2) {
  const sections = text2.split(/^---$/m).map(
    (s) => s.split("\n").map((l) => l.trim()).filter(Boolean)
  );
  if (sections.length !== 4) throw new Error(`unexpected rustc probe output:
${text2}`);
  const [version, known, installed, rustup] = sections;
  return { version: version[0] ?? "rustc", known, installed, rustup: rustup.includes("rustup") };
}
function chooseTriple(module, facts) {
  if (module.target === "wasip2") {
    const native = TRIPLES.wasip2.find((t) => facts.installed.includes(t) || facts.known.includes(t));
    if (!native) {
      const core = chooseTriple({ ...module, target: "wasip1" }, facts);
      return { ...core, componentize: true };
    }
  }
  const candidates = TRIPLES[module.target];
  const installed = candidates.find((t) => facts.installed.includes(t));
  if (installed) return { triple: installed, rustupAdd: false };
  const known = candidates.find((t) => facts.known.includes(t));
  const prefix = `target "${module.target}"`;
  if (!known) {
    throw new ModuleError(
      module.name,
      ["target"],
      module.target === "wasip2" ? `${prefix} needs Rust 1.82 or later (target wasm32-wasip2), but the toolchain has ${facts.version}; set toolchain.version` : `${prefix}: ${facts.version} knows neither wasm32-wasip1 nor wasm32-wasi`
    );
  }
  if (!facts.rustup) {
    throw new ModuleError(
      module.name,
      ["target"],
      `${prefix}: ${facts.version} knows ${known} but has no standard library for it and no rustup to add one; use an image with it installed (e.g. Debian's libstd-rust-dev-wasm32 for wasm32-wasi)`
    );
  }
  return { triple: known, rustupAdd: true };
}
var DISCOVERED = /^(?:build\.rs|src\/(?:lib|main)\.rs|src\/bin\/[^/]+(?:\/main)?\.rs|(?:examples|tests|benches)\/[^/]+(?:\/main)?\.rs)$/;
var MANIFEST_PATTERNS = [
  "**/Cargo.toml",
  "**/Cargo.lock",
  "**/.cargo/config",
  "**/.cargo/config.toml",
  "**/*.rs"
];
function manifestSet(module, files) {
  const packageDirs = files.filter((f) => path8.basename(f) === "Cargo.toml").map((f) => path8.dirname(f));
  if (!packageDirs.includes(".")) {
    throw new ModuleError(
      module.name,
      ["source"],
      `no Cargo.toml in "${module.source}" (the source of a Rust module is the directory of its package or workspace root${module.include.length > 0 ? "; check `include`" : ""})`
    );
  }
  const under = (dir, f) => dir === "." ? f : f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : void 0;
  const inTargetDir = (f) => packageDirs.some((d) => under(d, f)?.startsWith("target/"));
  const copies = [];
  const stubs = [];
  for (const f of files) {
    if (inTargetDir(f)) continue;
    if (f.endsWith(".rs")) {
      if (packageDirs.some((d) => DISCOVERED.test(under(d, f) ?? ""))) stubs.push(f);
    } else {
      copies.push(f);
    }
  }
  return { copies: copies.sort(), stubs: stubs.sort(), locked: files.includes("Cargo.lock") };
}
function manifestState(inputs, set2) {
  const at = (f) => path8.join("/", inputs.module.source, f);
  let actions = new FileActions();
  for (const f of set2.copies) actions = actions.copy(inputs.context, at(f), at(f), { createDestPath: true });
  for (const dir of [...new Set(set2.stubs.map((f) => path8.dirname(at(f))))].sort()) {
    actions = actions.mkdir(dir, 493, { parents: true });
  }
  for (const f of set2.stubs) actions = actions.mkfile(at(f), 420, "", { createdTime: /* @__PURE__ */ new Date(0) });
  const n = (count, what) => `${count} ${what}${count === 1 ? "" : "s"}`;
  return scratch().file(actions, {
    ignoreCache: inputs.ignoreCache,
    customName: `${inputs.label} Cargo manifests (${n(set2.copies.length, "file")}, ${n(set2.stubs.length, "target stub")})`
  });
}
function pickBinary(module, meta2, rootManifest) {
  const rust = module.rust ?? { features: [], "default-features": true };
  const members = meta2.packages.filter((p) => meta2.workspace_members.includes(p.id));
  let candidates;
  let where;
  if (rust.package !== void 0) {
    const p = members.find((m) => m.name === rust.package);
    if (!p) {
      throw new ModuleError(
        module.name,
        ["rust", "package"],
        `rust.package "${rust.package}" is not in the workspace (packages: ${members.map((m) => m.name).join(", ")})`
      );
    }
    [candidates, where] = [[p], `package "${p.name}"`];
  } else {
    const root = members.find((m) => m.manifest_path === rootManifest);
    [candidates, where] = root ? [[root], `package "${root.name}"`] : [members, "the workspace"];
  }
  const bins = candidates.flatMap(
    (p) => p.targets.filter((t) => t.kind.includes("bin")).map((t) => ({ package: p.name, bin: t.name, defaultRun: p.default_run === t.name }))
  );
  const list = (bs) => bs.map((b) => candidates.length > 1 ? `${b.bin} (${b.package})` : b.bin).join(", ") || "none";
  const pick = (b) => ({ package: b.package, bin: b.bin });
  if (rust.bin !== void 0) {
    const named = bins.filter((b) => b.bin === rust.bin);
    if (named.length === 1) return pick(named[0]);
    throw new ModuleError(
      module.name,
      ["rust", "bin"],
      named.length === 0 ? `rust.bin "${rust.bin}" is not a binary of ${where} (binaries: ${list(bins)})` : `several packages have a binary "${rust.bin}" (${list(named)}); set rust.package`
    );
  }
  if (bins.length === 1) return pick(bins[0]);
  const defaultRun = bins.filter((b) => b.defaultRun);
  if (defaultRun.length === 1) return pick(defaultRun[0]);
  throw new ModuleError(
    module.name,
    ["rust", "bin"],
    bins.length === 0 ? `${where} has no binary target; a WASI command module is built from one (src/main.rs or a [[bin]])` : `${where} has several binaries (${list(bins)}); set rust.bin`
  );
}
function cargoFetchArgs(triple, locked) {
  return ["cargo", "fetch", "--target", triple, ...locked ? ["--locked"] : []];
}
function cargoBuildArgs(module, triple, choice) {
  const rust = module.rust ?? { features: [], "default-features": true };
  return [
    "cargo",
    "build",
    // --frozen = --locked --offline: everything comes from the fetch step; the step has no network anyway.
    "--frozen",
    "--target",
    triple,
    "--target-dir",
    TARGET_DIR,
    ...module.profile === "release" ? ["--release"] : [],
    "--package",
    choice.package,
    "--bin",
    choice.bin,
    ...rust["default-features"] ? [] : ["--no-default-features"],
    ...rust.features.length > 0 ? ["--features", rust.features.join(",")] : []
  ];
}
function artifactPath(module, triple, choice) {
  return path8.join(
    TARGET_DIR,
    triple,
    module.profile === "release" ? "release" : "debug",
    `${choice.bin}.wasm`
  );
}
var SOURCES_STAMP = path8.join(TARGET_DIR, ".wasm-build-sources.sha256");
var BUILD_SCRIPT = [
  'artifact="$1"; output="$2"; stamp="$3"; shift 3',
  `if [ -f "$stamp" ]; then sha256sum -c "$stamp" 2>/dev/null | sed -n 's/: FAILED.*$//p' | while IFS= read -r f; do touch -c -- "$f"; done; fi`,
  'find . -path ./target -prune -o -type f -exec sha256sum {} + > "$stamp"',
  '"$@" && cp "$artifact" "$output"'
].join("\n");
function cargoHome(module, toolchainEnv) {
  const home = module.env.HOME ?? toolchainEnv.get("HOME") ?? "/root";
  return module.env.CARGO_HOME ?? toolchainEnv.get("CARGO_HOME") ?? path8.join(home, ".cargo");
}
function fetchEnv(module, home) {
  return { ...module.env, CARGO_HOME: home };
}
function buildEnv(module, home) {
  const profile = module.profile === "release" ? "RELEASE" : "DEV";
  return {
    ...module.optimize.strip ? { [`CARGO_PROFILE_${profile}_STRIP`]: "symbols" } : {},
    ...fetchEnv(module, home)
  };
}
function fetchedDirs(home) {
  return [path8.join(home, "registry"), path8.join(home, "git")];
}
function fetchOutputMounts(home) {
  return fetchedDirs(home).map((dest) => ({ type: "bind", dest, source: scratch() }));
}
function fetchedMounts(home, fetch) {
  return fetchedDirs(home).map((dest) => ({ type: "bind", dest, source: fetch.mount(dest) }));
}
function targetMount(module) {
  return { type: "cache", dest: TARGET_DIR, id: targetCacheId(module), sharing: "locked" };
}
async function readJson(inputs, state, file) {
  const text2 = new TextDecoder().decode(await inputs.read(state, file));
  try {
    return JSON.parse(text2);
  } catch {
    throw new Error(`${file}: not JSON: ${text2.slice(0, 200)}`);
  }
}
var rustDriver = {
  languages: ["rust"],
  defaultImage: () => RUST_IMAGE,
  async build(inputs) {
    const { module, label, ignoreCache } = inputs;
    const cwd = path8.join(SRC_DIR, module.source);
    const home = cargoHome(module, inputs.toolchainEnv);
    const set2 = manifestSet(module, await inputs.files(MANIFEST_PATTERNS));
    const manifests = manifestState(inputs, set2);
    const probe = inputs.toolchain.run({
      args: ["sh", "-c", `exec > ${OUT_DIR}/rustc.txt
${RUSTC_PROBE}`],
      network: "none",
      mounts: [{ type: "bind", dest: OUT_DIR, source: scratch() }],
      ignoreCache,
      customName: `${label} rustc: wasm targets`
    });
    const metadata = inputs.toolchain.run({
      args: [
        "sh",
        "-c",
        `exec cargo metadata --no-deps --format-version 1 --offline > ${OUT_DIR}/metadata.json`
      ],
      env: fetchEnv(module, home),
      cwd,
      network: "none",
      mounts: [
        { type: "bind", dest: SRC_DIR, source: manifests, readonly: true },
        { type: "bind", dest: OUT_DIR, source: scratch() }
      ],
      ignoreCache,
      customName: `${label} cargo metadata`
    });
    const [probeText, meta2] = await Promise.all([
      inputs.read(probe.mount(OUT_DIR), "/rustc.txt").then((b) => new TextDecoder().decode(b)),
      readJson(inputs, metadata.mount(OUT_DIR), "/metadata.json")
    ]);
    const { triple, rustupAdd, componentize } = chooseTriple(module, parseRustcProbe(probeText));
    const choice = pickBinary(module, meta2, path8.join(cwd, "Cargo.toml"));
    const toolchain = rustupAdd ? inputs.toolchain.run({
      args: ["rustup", "target", "add", triple],
      ignoreCache,
      customName: `${label} rustup target add ${triple}`
    }) : inputs.toolchain;
    const fetch = toolchain.run({
      args: cargoFetchArgs(triple, set2.locked),
      env: fetchEnv(module, home),
      cwd,
      // Writable: without a Cargo.lock in the context, the one cargo resolves here is what the build uses.
      mounts: [{ type: "bind", dest: SRC_DIR, source: manifests }, ...fetchOutputMounts(home)],
      ignoreCache,
      customName: `${label} cargo fetch --target ${triple}`
    });
    const lock = path8.join("/", module.source, "Cargo.lock");
    const source = set2.locked ? inputs.context : inputs.context.file(copy(fetch.mount(SRC_DIR), lock, lock), {
      ignoreCache,
      customName: `${label} add the Cargo.lock cargo fetch resolved`
    });
    const output = path8.join(OUT_DIR, `${module.name}.wasm`);
    const build2 = toolchain.run({
      args: [
        "sh",
        "-c",
        BUILD_SCRIPT,
        "cargo-build",
        artifactPath(module, triple, choice),
        output,
        SOURCES_STAMP,
        ...cargoBuildArgs(module, triple, choice)
      ],
      env: buildEnv(module, home),
      cwd,
      network: "none",
      mounts: [
        // Writable for BUILD_SCRIPT's touch (a copy-on-write view); its output is never used.
        { type: "bind", dest: SRC_DIR, source },
        { type: "bind", dest: OUT_DIR, source: scratch() },
        targetMount(module),
        ...fetchedMounts(home, fetch)
      ],
      ignoreCache,
      customName: `${label} cargo build${module.profile === "release" ? " --release" : ""} --target ${triple} --bin ${choice.bin}`
    });
    return {
      output: build2.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      stripped: module.optimize.strip,
      ...componentize ? { componentize: true } : {}
    };
  }
};

// frontend/languages/tinygo.ts
var TINYGO_IMAGE = "docker.io/tinygo/tinygo:0.41.1";
var TINYGO_CACHE_HOME = "/wasm-build/xdg-cache";
var TINYGO_CACHE_ID = "wasm-build/tinygo-cache";
var PLAIN = /^[A-Za-z0-9_\-.,:/=@+%]+$/;
function shlexQuote(args) {
  return args.map((a) => PLAIN.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
}
function tinygoOpt(module) {
  return module.profile === "debug" ? "1" : "z";
}
function tinygoArgs(module, output) {
  const link = linkerArgs(goOptions(module, "tinygo").ldflags);
  return [
    "tinygo",
    "build",
    `-target=${module.target}`,
    `-opt=${tinygoOpt(module)}`,
    ...module.optimize.strip ? ["-no-debug"] : [],
    ...tagsArg(module, "tinygo"),
    ...link.length > 0 ? [`-ldflags=${shlexQuote(link)}`] : [],
    "-o",
    output,
    packageArg(module, "tinygo")
  ];
}
function tinygoEnv(module, fixed = {}) {
  return goEnv(module, { XDG_CACHE_HOME: TINYGO_CACHE_HOME, ...fixed });
}
var tinygoDriver = {
  languages: ["tinygo"],
  defaultImage: () => TINYGO_IMAGE,
  build(inputs) {
    const { module } = inputs;
    return buildGoFamily(inputs, {
      args: (out) => tinygoArgs(module, out),
      downloadEnv: tinygoEnv(module),
      buildEnv: tinygoEnv(module, OFFLINE),
      // Concurrent tinygo builds are safe: it writes cache entries to temporary files and renames them.
      caches: [{ type: "cache", dest: TINYGO_CACHE_HOME, id: TINYGO_CACHE_ID, sharing: "shared" }],
      name: `tinygo build -target=${module.target} ${packageArg(module, "tinygo")}`
    });
  }
};

// frontend/languages/zig.ts
import path9 from "node:path/posix";
var ZIG_VERSION = "0.17.0";
var ZIG_IMAGE = `docker.io/euantorano/zig:${ZIG_VERSION}`;
var ZIG_GLOBAL_CACHE_DIR = "/var/cache/zig/global";
var ZIG_LOCAL_CACHE_DIR = "/var/cache/zig/local";
var ZIG_GLOBAL_CACHE_ID = "wasm-build-zig-global-cache";
var ZIG_LOCAL_CACHE_ID = "wasm-build-zig-local-cache";
function options4(module) {
  if (!module.zig) throw new Error(`module "${module.name}" has no zig options`);
  return module.zig;
}
function zigArgs(module, output) {
  const opts = options4(module);
  return [
    "zig",
    "build-exe",
    opts.root,
    "-target",
    "wasm32-wasi",
    "-O",
    module.profile === "release" ? "ReleaseSmall" : "Debug",
    module.optimize.strip ? "-fstrip" : "-fno-strip",
    `-femit-bin=${output}`,
    ...opts.options
  ];
}
function zigEnv(module) {
  return {
    ZIG_GLOBAL_CACHE_DIR,
    ZIG_LOCAL_CACHE_DIR,
    ...module.env
  };
}
var zigDriver = {
  languages: ["zig"],
  defaultImage: () => ZIG_IMAGE,
  async build(inputs) {
    const { module } = inputs;
    const opts = options4(module);
    if ((await inputs.files([opts.root])).length === 0) {
      throw new ModuleError(
        module.name,
        ["zig", "root"],
        `the Zig root source file "${opts.root}" is not under "${module.source}" (set zig.root)`
      );
    }
    const out = `${OUT_DIR}/${module.name}.wasm`;
    const run = inputs.toolchain.run({
      args: zigArgs(module, out),
      env: zigEnv(module),
      cwd: path9.join(SRC_DIR, module.source),
      network: "none",
      mounts: [
        { type: "bind", dest: SRC_DIR, source: inputs.context, readonly: true },
        { type: "bind", dest: OUT_DIR, source: scratch() },
        // Zig locks cache entries itself, so concurrent builds can share both.
        { type: "cache", dest: ZIG_GLOBAL_CACHE_DIR, id: ZIG_GLOBAL_CACHE_ID, sharing: "shared" },
        { type: "cache", dest: ZIG_LOCAL_CACHE_DIR, id: ZIG_LOCAL_CACHE_ID, sharing: "shared" }
      ],
      ignoreCache: inputs.ignoreCache,
      customName: `${inputs.label} zig build-exe ${opts.root}`
    });
    return {
      output: run.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      stripped: module.optimize.strip,
      // zig builds for wasm32-wasi (preview1); a wasip2 module becomes a component after the build.
      ...module.target === "wasip2" ? { componentize: true } : {}
    };
  }
};

// frontend/languages/index.ts
var drivers = [
  cDriver,
  rustDriver,
  goDriver,
  tinygoDriver,
  assemblyscriptDriver,
  zigDriver,
  javascriptDriver,
  pythonDriver
];
function driverFor(language) {
  return drivers.find((d) => d.languages.includes(language));
}

// frontend/languages/custom.ts
import path10 from "node:path/posix";
function buildCustom(inputs) {
  const { module } = inputs;
  if (!module.build || !module.output) {
    throw new ModuleError(module.name, ["build"], "a custom build needs both `build` and `output`");
  }
  const cwd = path10.join(SRC_DIR, module.source);
  const run = inputs.toolchain.run({
    args: module.build,
    env: module.env,
    cwd,
    // The command writes into a copy of the context; the sources the client sent are never changed.
    mounts: [{ type: "bind", dest: SRC_DIR, source: inputs.context }],
    ignoreCache: inputs.ignoreCache,
    customName: `${inputs.label} build: ${module.build.join(" ")}`
  });
  return { output: run.mount(SRC_DIR), path: path10.join("/", module.source, module.output) };
}

// src/primitives/wasm-preamble.ts
var HEADER_LENGTH = 8;
var COMPONENT_VERSION = 13;
var startsWith = (bytes2, prefix) => prefix.every((b, i) => bytes2[i] === b);
var hexBytes = (bytes2) => [...bytes2].map((b) => b.toString(16).padStart(2, "0")).join(" ");
function isText(bytes2) {
  if (bytes2.some((b) => b < 32 && b !== 9 && b !== 10 && b !== 13 || b === 127)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes2, { stream: true });
    return true;
  } catch {
    return false;
  }
}
var MAGIC = [0, 97, 115, 109];
function hasWasmMagic(bytes2) {
  return startsWith(bytes2, MAGIC);
}
function inspectHeader(bytes2) {
  const head = bytes2.subarray(0, HEADER_LENGTH);
  if (head.length === 0) return { wasm: false, found: "an empty file" };
  if (hasWasmMagic(head)) {
    if (head.length < HEADER_LENGTH) {
      return { wasm: false, found: `a truncated WebAssembly binary (${head.length} bytes)` };
    }
    const version = head[4] | head[5] << 8;
    const layer = head[6] | head[7] << 8;
    if (layer === 0 && version === 1) return { wasm: true, kind: "module" };
    if (layer === 1 && version === COMPONENT_VERSION) return { wasm: true, kind: "component" };
    if (layer === 1) {
      return {
        wasm: false,
        found: `a pre-standard component (binary version 0x${version.toString(16).padStart(2, "0")}, current runtimes need 0x0d); rebuild it with a current toolchain`
      };
    }
    return { wasm: false, found: `a WebAssembly binary of unknown version ${version}, layer ${layer}` };
  }
  if (startsWith(head, [127, 69, 76, 70])) {
    return { wasm: false, found: "an ELF file (a native executable or library, or a precompiled .cwasm)" };
  }
  if (startsWith(head, [77, 90])) return { wasm: false, found: "a Windows executable (PE)" };
  if (startsWith(head, [207, 250, 237, 254]) || startsWith(head, [206, 250, 237, 254]) || startsWith(head, [202, 254, 186, 190])) {
    return { wasm: false, found: "a Mach-O executable (or a Java class file)" };
  }
  if (startsWith(head, [31, 139])) return { wasm: false, found: "gzip-compressed data" };
  if (startsWith(head, [80, 75, 3, 4])) return { wasm: false, found: "a zip archive" };
  if (startsWith(head, [33, 60, 97, 114, 99, 104, 62])) {
    return { wasm: false, found: "an ar archive (a static library, not a linked module)" };
  }
  if (isText(head)) {
    const text2 = new TextDecoder().decode(head);
    const trimmed = text2.trimStart();
    if (trimmed.startsWith("#!")) return { wasm: false, found: `a script (${JSON.stringify(text2)}...)` };
    if (/^\((?:mod|comp)/.test(trimmed)) {
      return {
        wasm: false,
        found: `WebAssembly text (${JSON.stringify(text2)}...), which runtimes do not load; compile it to a binary (e.g. \`wasm-tools parse\`)`
      };
    }
    return { wasm: false, found: `a text file starting ${JSON.stringify(text2)}` };
  }
  return { wasm: false, found: `unrecognised data (first bytes ${hexBytes(head)})` };
}

// frontend/convert/wasm-header.ts
function expectedKind(target) {
  return target === "wasip2" ? "component" : "module";
}
var kindName = { module: "a core module", component: "a component" };
function headerProblem(bytes2, target) {
  const header = inspectHeader(bytes2);
  const expected = expectedKind(target);
  const expectation = `target = "${target}" expects ${kindName[expected]}`;
  if (!header.wasm) return `is not a WebAssembly binary: found ${header.found}; ${expectation}`;
  if (header.kind === expected) return void 0;
  const hint = header.kind === "component" ? 'set target = "wasip2" to ship a component' : 'a core module becomes a component with `wasm-tools component new` and a WASI adapter, or set target = "wasip1"';
  return `is ${kindName[header.kind]}, but ${expectation} (${hint})`;
}

// frontend/convert/check-output.ts
async function checkOutput(gateway, state, path12, opts) {
  const evaluate = gateway.caps.has(GatewayCap.solveEvaluate);
  const res = await gateway.solve({
    definition: marshal(state, { platform: opts.platform }).definition,
    cacheImports: [...opts.cacheImports],
    ...evaluate ? { evaluate: true } : {}
  });
  if (!res.ref) throw new Error(`the daemon returned no result for ${path12}`);
  let head;
  try {
    head = await gateway.readFile(res.ref, path12, { offset: 0, length: HEADER_LENGTH });
  } catch (err) {
    if (!evaluate) throw err;
    return { kind: "missing", detail: err.message };
  }
  const problem = headerProblem(head, opts.target);
  if (problem === void 0) return void 0;
  return { kind: inspectHeader(head).wasm ? "wrong-kind" : "not-wasm", detail: problem };
}

// frontend/request/self-image.ts
import { readFile } from "node:fs/promises";
var FRONTEND_DEFINITION_PATH = "/run/config/buildkit/metadata/frontend.bin";
var SelfImageUnavailable = class extends Error {
  name = "SelfImageUnavailable";
};
async function readMounted() {
  try {
    return await readFile(FRONTEND_DEFINITION_PATH);
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw err;
  }
}
async function selfImage(deps) {
  const mounted = await (deps.readDefinition ?? readMounted)();
  if (mounted && mounted.length > 0) {
    try {
      const state = fromDefinition(mounted);
      log.info(`frontend image from ${FRONTEND_DEFINITION_PATH} (${mounted.length} bytes)`);
      return state;
    } catch (err) {
      log.warn(`cannot use ${FRONTEND_DEFINITION_PATH}: ${err.message}`);
    }
  }
  const source = deps.options.raw.get("source");
  if (!source) {
    throw new SelfImageUnavailable(
      `this BuildKit daemon does not tell the frontend its own image (no ${FRONTEND_DEFINITION_PATH}, BuildKit before v0.10, and no \`source\` option)`
    );
  }
  let resolved;
  try {
    resolved = await deps.gateway.resolveImageConfig(source, {
      platform: deps.platform,
      resolveMode: deps.options.imageResolveMode,
      logName: `[internal] resolve frontend image ${source}`
    });
  } catch (err) {
    throw new SelfImageUnavailable(
      `the frontend image ${source} (the \`source\` option; BuildKit before v0.10 gives no ${FRONTEND_DEFINITION_PATH}) cannot be resolved: ${err.message}`
    );
  }
  const pinned = resolved.digest && !source.includes("@") ? `${source}@${resolved.digest}` : source;
  log.info(`frontend image from the source option: ${pinned}`);
  return image(pinned, { platform: deps.platform, customName: `[internal] frontend image ${source}` });
}

// frontend/post-steps/componentize.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";

// frontend/post-steps/self-step.ts
var IN_DIR = "/in";
var OUT_DIR2 = "/out";
var NODE_PATH = "/usr/local/bin/node";
var BASELINE_ONLY = ["--liftoff-only"];
function nodeCommand(script, args, longRun = false) {
  return [NODE_PATH, ...longRun ? [] : BASELINE_ONLY, script, ...args];
}
function selfImageStep(frontendImage, module, built, argv, opts) {
  const file = `/${module.name}.wasm`;
  const run = frontendImage.run({
    args: argv(`${IN_DIR}${built.path}`, `${OUT_DIR2}${file}`),
    cwd: "/",
    network: "none",
    mounts: [
      { type: "bind", dest: IN_DIR, source: built.output, readonly: true },
      { type: "bind", dest: OUT_DIR2, source: scratch() }
    ],
    ignoreCache: opts.ignoreCache,
    customName: opts.customName
  });
  return { output: run.mount(OUT_DIR2), path: file };
}

// frontend/post-steps/componentize.ts
var JCO_DIR = "/wasm-build/jco";
var WASM_TOOLS_JS = `${JCO_DIR}/node_modules/@bytecodealliance/jco-transpile/vendor/wasm-tools.js`;
var COMMAND_ADAPTER = `${JCO_DIR}/adapter/wasi_snapshot_preview1.command.wasm`;
var FRONTEND_BUNDLE = "/wasm-build/frontend.mjs";
var COMPONENTIZE_COMMAND = "componentize";
function shipsComponentize() {
  return existsSync(WASM_TOOLS_JS) && existsSync(COMMAND_ADAPTER);
}
function componentizeArgs(input2, output) {
  return nodeCommand(FRONTEND_BUNDLE, [COMPONENTIZE_COMMAND, input2, output]);
}
function componentizeStep(frontendImage, module, built, opts) {
  return selfImageStep(frontendImage, module, built, componentizeArgs, {
    customName: `${opts.label} component new (wasi_snapshot_preview1 command adapter)`,
    ignoreCache: opts.ignoreCache
  });
}
function componentizeFor(module, built) {
  if (!built.componentize || module.target !== "wasip2") return void 0;
  return {
    key: ["target"],
    output: "the output of component new",
    ships: shipsComponentize,
    missing: `target = "wasip2": this toolchain builds a wasip1 core module, and this frontend image has no jco at ${WASM_TOOLS_JS} to make it a component (build it from frontend/Dockerfile)`,
    unavailable: (why) => `target = "wasip2": the component is made in the frontend's own image, but ${why}; use BuildKit v0.10 or later`,
    run: (frontendImage, input2, opts) => componentizeStep(frontendImage, module, input2, opts)
  };
}
async function componentizeMain(args) {
  const [input2, output] = args;
  if (!input2 || !output) {
    process.stderr.write(`usage: ${COMPONENTIZE_COMMAND} <core module> <component>
`);
    return 2;
  }
  const { $init, tools } = await import(WASM_TOOLS_JS);
  await $init;
  const component = tools.componentNew(readFileSync(input2), [
    ["wasi_snapshot_preview1", readFileSync(COMMAND_ADAPTER)]
  ]);
  writeFileSync(output, component);
  process.stdout.write(tools.componentWit(component));
  return 0;
}

// frontend/post-steps/wasm-opt.ts
import { existsSync as existsSync2 } from "node:fs";
var WASM_OPT_PATH = "/wasm-build/binaryen/bin/wasm-opt";
function shipsWasmOpt() {
  return existsSync2(WASM_OPT_PATH);
}
var WASM_OPT_FEATURES = [
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-bulk-memory",
  "--enable-bulk-memory-opt"
];
var STRIP_FLAGS = ["--strip-debug", "--strip-producers"];
function postProcessFor(module, built) {
  if (module.target === "wasip2") return void 0;
  const level = module.optimize["wasm-opt"];
  const strip = module.optimize.strip;
  if (level === "none" && (!strip || built.stripped)) return void 0;
  return { level: level === "none" ? void 0 : level, strip };
}
function wasmOptArgs(plan, input2, output) {
  return [
    ...plan.level ? [`-${plan.level}`] : [],
    ...WASM_OPT_FEATURES,
    // Without -g binaryen drops the name section on write: keep it (and DWARF) unless stripping.
    ...plan.strip ? STRIP_FLAGS : ["--debuginfo"],
    input2,
    "-o",
    output
  ];
}
function wasmOptStepName(label, plan) {
  return `${label} wasm-opt ${plan.level ? `-${plan.level}` : STRIP_FLAGS.join(" ")}`;
}
function wasmOptStep(frontendImage, module, built, plan, opts) {
  return selfImageStep(
    frontendImage,
    module,
    built,
    // Go's own compiler writes modules of megabytes, which wasm-opt works on for many seconds.
    (input2, output) => nodeCommand(WASM_OPT_PATH, wasmOptArgs(plan, input2, output), module.language === "go"),
    {
      customName: wasmOptStepName(opts.label, plan),
      ignoreCache: opts.ignoreCache
    }
  );
}
function wasmOptFor(module, built) {
  const plan = postProcessFor(module, built);
  if (!plan) return void 0;
  const fix = [
    ...plan.level ? ['`optimize.wasm-opt = "none"`'] : [],
    ...plan.strip ? ["`optimize.strip = false`"] : []
  ].join(" and ");
  return {
    key: ["optimize", "wasm-opt"],
    output: "the output of wasm-opt",
    ships: shipsWasmOpt,
    missing: `this frontend image has no wasm-opt at ${WASM_OPT_PATH} (build it from frontend/Dockerfile), so the module cannot be post-processed; set ${fix} to skip that step`,
    unavailable: (why) => `wasm-opt runs in the frontend's own image, but ${why}; set ${fix} to skip post-processing, or use BuildKit v0.10 or later`,
    run: (frontendImage, input2, opts) => wasmOptStep(frontendImage, module, input2, plan, opts)
  };
}

// frontend/post-steps/index.ts
function postStepsFor(module, built) {
  return [componentizeFor(module, built), wasmOptFor(module, built)].filter((s) => s !== void 0);
}

// frontend/sbom/lockfiles.ts
var LockfileError = class extends Error {
  name = "LockfileError";
};
async function readDependencies(language, read) {
  const parse = async (name, parser) => {
    const text2 = await read(name);
    return text2 === void 0 ? [] : parser(text2);
  };
  switch (language) {
    case "rust":
      return parse("Cargo.lock", parseCargoLock);
    case "go":
    case "tinygo": {
      const goSum = await read("go.sum") ?? "";
      return parse("go.mod", (text2) => parseGoModules(text2, goSum));
    }
    case "assemblyscript":
      return parse("package-lock.json", parsePackageLock);
    case "zig":
      return parse("build.zig.zon", parseZigZon);
    default:
      return [];
  }
}
function parseCargoLock(text2) {
  let doc;
  try {
    doc = getStaticTOMLValue(parseTOML(text2));
  } catch (e) {
    throw new LockfileError(`Cargo.lock is not valid TOML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const packages = doc.package;
  if (!Array.isArray(packages)) return [];
  const out = [];
  for (const p of packages) {
    const { name, version, source, checksum } = p;
    if (typeof name !== "string" || typeof version !== "string" || typeof source !== "string") continue;
    const registry = source.startsWith("registry+");
    out.push({
      name,
      version,
      purl: `pkg:cargo/${name}@${version}`,
      downloadLocation: registry ? `https://crates.io/api/v1/crates/${name}/${version}/download` : source.replace(/^git\+/, "git+"),
      ...typeof checksum === "string" && /^[0-9a-f]{64}$/.test(checksum) ? { checksum: { algorithm: "SHA256", hex: checksum } } : {}
    });
  }
  return out;
}
function parseGoModules(goMod, goSum = "") {
  const requires = [];
  const replaces = /* @__PURE__ */ new Map();
  let block;
  for (const raw of goMod.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (!line) continue;
    if (block && line === ")") {
      block = void 0;
      continue;
    }
    const opened = /^(require|replace)\s*\($/.exec(line);
    if (opened) {
      block = opened[1];
      continue;
    }
    const single2 = /^(require|replace)\s+(.*)$/.exec(line);
    const kind = block ?? single2?.[1];
    const body = block ? line : single2?.[2];
    if (!kind || body === void 0) continue;
    if (kind === "require") {
      const [path12, version] = body.split(/\s+/);
      if (path12 && version) requires.push([unquote(path12), version]);
    } else {
      const m = /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)(?:\s+(\S+))?$/.exec(body);
      if (m) replaces.set(unquote(m[1]), [unquote(m[2]), m[3]]);
    }
  }
  const sums = /* @__PURE__ */ new Map();
  for (const line of goSum.split("\n")) {
    const [path12, version, hash] = line.trim().split(/\s+/);
    if (path12 && version && hash && !version.endsWith("/go.mod")) sums.set(`${path12} ${version}`, hash);
  }
  return requires.map(([path12, version]) => {
    const replaced = replaces.get(path12);
    const [name, ver] = replaced?.[1] ? [replaced[0], replaced[1]] : [path12, version];
    const h1 = sums.get(`${name} ${ver}`);
    return {
      name,
      version: ver,
      purl: `pkg:golang/${name}@${ver}`,
      downloadLocation: `https://proxy.golang.org/${escapeGoPath(name)}/@v/${ver}.zip`,
      ...h1 ? { integrity: h1 } : {}
    };
  });
}
function unquote(s) {
  return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}
function escapeGoPath(path12) {
  return path12.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}
function parsePackageLock(text2) {
  let doc;
  try {
    doc = JSON.parse(text2);
  } catch (e) {
    throw new LockfileError(
      `package-lock.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`
    );
  }
  if (!doc.packages) {
    throw new LockfileError('package-lock.json has no "packages": regenerate it with npm 7 or later');
  }
  const out = [];
  for (const [key, p] of Object.entries(doc.packages)) {
    if (!key.includes("node_modules/") || p.link === true || typeof p.version !== "string") continue;
    const name = typeof p.name === "string" ? p.name : key.slice(key.lastIndexOf("node_modules/") + 13);
    const [scope, bare] = name.startsWith("@") ? name.split("/") : [void 0, name];
    const purlName = scope ? `${encodeURIComponent(scope)}/${bare}` : name;
    out.push({
      name,
      version: p.version,
      purl: `pkg:npm/${purlName}@${p.version}`,
      ...typeof p.resolved === "string" ? { downloadLocation: p.resolved } : {},
      ...integrityChecksum(p.integrity)
    });
  }
  return out;
}
function integrityChecksum(integrity) {
  if (typeof integrity !== "string") return {};
  const m = /^(sha256|sha512)-([A-Za-z0-9+/=]+)$/.exec(integrity.split(/\s+/)[0] ?? "");
  if (!m) return {};
  const hex = Buffer.from(m[2], "base64").toString("hex");
  return { checksum: { algorithm: m[1] === "sha256" ? "SHA256" : "SHA512", hex } };
}
function parseZigZon(text2) {
  const uncommented = text2.replace(/(^|\s)\/\/[^\n]*/g, "$1");
  const deps = /\.dependencies\s*=\s*\.\{([\s\S]*)\}/.exec(uncommented);
  if (!deps) return [];
  const out = [];
  const entry = /\.(@"[^"]+"|[A-Za-z_][\w]*)\s*=\s*\.\{([^{}]*)\}/g;
  for (const m of deps[1].matchAll(entry)) {
    const field2 = (key) => new RegExp(`\\.${key}\\s*=\\s*"([^"]*)"`).exec(m[2])?.[1];
    const url = field2("url");
    if (!url) continue;
    const name = m[1].replace(/^@"|"$/g, "");
    const hash = field2("hash");
    const version = hash ?? "unknown";
    out.push({
      name,
      version,
      purl: `pkg:generic/${name}@${encodeURIComponent(version)}?download_url=${encodeURIComponent(url)}`,
      downloadLocation: url,
      ...hash ? { integrity: hash } : {}
    });
  }
  return out;
}

// frontend/convert/convert.ts
function moduleContext(settings, module) {
  const under = (p) => module.source === "." ? p : path11.join(module.source, p);
  return local(settings.contextKey, {
    sessionId: settings.sessionId,
    include: module.include.map(under),
    exclude: module.exclude.map(under),
    sharedKeyHint: settings.contextKey,
    customName: `[${module.name}] load build context`
  });
}
function ignoresCache(settings, module) {
  return settings.noCache === "all" || (settings.noCache?.includes(module.name) ?? false);
}
async function buildModule(ctx, module) {
  const { io, settings } = ctx;
  const label = `[${module.name}]`;
  const driver = module.language ? driverFor(module.language) : void 0;
  if (module.language && !driver) {
    throw new ModuleError(
      module.name,
      ["language"],
      `language "${module.language}" is not supported by this frontend`
    );
  }
  const ref = chooseToolchainImage(module, driver, settings.buildArgs);
  const resolving = resolveToolchain(io, ref, settings.buildPlatform, label, settings.imageResolveMode);
  const context = moduleContext(settings, module);
  let listing;
  const list = () => listing ??= (async () => {
    const { ref: contextRef } = await io.solve({ definition: marshal(context).definition });
    if (!contextRef) throw new Error("the daemon returned no result for the build context");
    const files = await listFiles(io, contextRef, module.source);
    log.info(`${label} ${files.length} files under ${module.source}`);
    return files;
  })();
  if (driver && !module.build) list().catch(() => {
  });
  const toolchain = await resolving;
  const inputs = {
    module,
    // Declared secrets are mounted into every step built on the toolchain, whatever the driver writes.
    toolchain: module.secrets.length > 0 ? toolchain.state.withSecrets(module.secrets) : toolchain.state,
    toolchainEnv: toolchain.env,
    context,
    label,
    ignoreCache: ignoresCache(settings, module),
    async files(patterns) {
      return matchFiles(await list(), patterns);
    },
    async read(state, file) {
      const res = await io.solve({
        definition: marshal(state, { platform: settings.buildPlatform }).definition,
        cacheImports: settings.cacheImports
      });
      if (!res.ref) throw new Error(`${label} the daemon returned no result to read ${file} from`);
      return io.readFile(res.ref, file);
    }
  };
  const building = module.build || !driver ? buildCustom(inputs) : driver.build(inputs);
  const sbom = settings.sbom ? moduleSbom(module, inputs, toolchain.image) : void 0;
  const [built, described] = await Promise.all([building, sbom]);
  return { built, ...described ? { sbom: described } : {} };
}
async function moduleSbom(module, inputs, toolchain) {
  const read = async (name) => {
    if ((await inputs.files([name])).length === 0) return void 0;
    const file = module.source === "." ? name : path11.join(module.source, name);
    return new TextDecoder().decode(await inputs.read(inputs.context, file));
  };
  try {
    const dependencies = module.language ? await readDependencies(module.language, read) : [];
    return { name: module.name, language: module.language, toolchain, dependencies };
  } catch (err) {
    if (!(err instanceof LockfileError)) throw err;
    throw new ModuleError(module.name, ["language"], `for the SBOM: ${err.message}`);
  }
}
function moduleSpan(ctx, module, path12) {
  const index = Math.max(
    0,
    ctx.spec.module.findIndex((m) => m.name === module.name)
  );
  const r = ctx.spec.locate(["module", index, ...path12]);
  return { start: { line: r.line, character: r.column }, end: { line: r.endLine, character: r.endColumn } };
}
function moduleError(ctx, module, path12, message2) {
  return sourceError(`module "${module.name}": ${message2}`, ctx.settings.file, [
    moduleSpan(ctx, module, path12)
  ]);
}
function stepKey(module, step) {
  if (step !== "build") return step.key;
  return module.build ? ["build"] : ["language"];
}
function outputError(ctx, module, problem, step) {
  let what = `the compiled module ${module.name}.wasm`;
  if (step !== "build") what = step.output;
  else if (module.output) what = `output "${module.output}"`;
  const where = problem.kind === "wrong-kind" ? "target" : module.output ? "output" : "language";
  const message2 = problem.kind === "missing" ? `the build left no readable file at ${what}: ${problem.detail}` : `${what} ${problem.detail}`;
  return moduleError(ctx, module, [where], message2);
}
async function selfImageFor(ctx, module, step) {
  if (!step.ships()) throw moduleError(ctx, module, step.key, step.missing);
  try {
    return await ctx.settings.frontendImage();
  } catch (err) {
    if (!(err instanceof SelfImageUnavailable)) throw err;
    throw moduleError(ctx, module, step.key, step.unavailable(err.message));
  }
}
async function finishModule(ctx, module, built) {
  const label = `[${module.name}]`;
  const check = async (m, step) => {
    let problem;
    const target = m.componentize ? "wasip1" : module.target;
    try {
      problem = await checkOutput(ctx.io, m.output, m.path, {
        target,
        platform: ctx.settings.buildPlatform,
        cacheImports: ctx.settings.cacheImports
      });
    } catch (err) {
      throw withSourceLocation(err, ctx.settings.file, [moduleSpan(ctx, module, stepKey(module, step))]);
    }
    if (problem) throw outputError(ctx, module, problem, step);
  };
  const steps = postStepsFor(module, built);
  const last2 = steps.at(-1);
  if (!last2) {
    await check(built, "build");
    return built;
  }
  const ignoreCache = ignoresCache(ctx.settings, module);
  let processed = built;
  for (const step of steps) {
    processed = step.run(await selfImageFor(ctx, module, step), processed, { label, ignoreCache });
  }
  try {
    await check(processed, last2);
  } catch (err) {
    await check(built, "build");
    throw err;
  }
  return processed;
}
async function allInOrder(promises) {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => s.value);
}
function located(ctx, err) {
  if (!(err instanceof ModuleError)) return err;
  const module = ctx.spec.module.find((m) => m.name === err.module);
  if (!module) return err;
  return sourceError(err.message, ctx.settings.file, [moduleSpan(ctx, module, err.key)]);
}
async function convert2(io, spec, modules, settings) {
  const ctx = { io, spec, settings };
  try {
    const built = await allInOrder(
      modules.map(async (module) => {
        const { built: compiled, sbom: sbom2 } = await buildModule(ctx, module);
        return { module, sbom: sbom2, result: await finishModule(ctx, module, compiled) };
      })
    );
    let actions;
    for (const { module, result } of built) {
      const args = [
        result.output,
        result.path,
        `/${module.name}.wasm`,
        // 0755 whatever the step that wrote it left (wasm-opt writes 0644): runtimes that take the
        // entrypoint for a program see one, and the layer does not depend on a tool's umask.
        { createdTime: new Date(settings.epochSeconds * 1e3), mode: 493 }
      ];
      actions = actions ? actions.copy(...args) : copy(...args);
    }
    const files = built.map((b) => `${b.module.name}.wasm`);
    const image2 = scratch().file(actions, {
      ignoreCache: settings.noCache !== void 0,
      customName: `export ${files.join(", ")}`
    });
    const sbom = settings.sbom ? built.map((b) => b.sbom) : void 0;
    return { image: image2, files, ...sbom ? { sbom } : {} };
  } catch (err) {
    throw located(ctx, err);
  }
}

// frontend/sbom/spdx.ts
import { createHash as createHash2 } from "node:crypto";
var SPDX_PREDICATE_TYPE = "https://spdx.dev/Document";
function spdxDocument(imageName, modules, epochSeconds) {
  const packages = [];
  const relationships = [];
  modules.forEach((m, i) => {
    const id = `SPDXRef-module-${i}`;
    packages.push({
      SPDXID: id,
      name: m.name,
      downloadLocation: "NOASSERTION",
      filesAnalyzed: false,
      primaryPackagePurpose: "APPLICATION",
      comment: `/${m.name}.wasm in the image${m.language ? `, built from ${m.language}` : ""}`
    });
    relationships.push({
      spdxElementId: "SPDXRef-DOCUMENT",
      relationshipType: "DESCRIBES",
      relatedSpdxElement: id
    });
    const toolchainId = `${id}-toolchain`;
    packages.push(toolchainPackage(toolchainId, m.toolchain));
    relationships.push({
      spdxElementId: toolchainId,
      relationshipType: "BUILD_TOOL_OF",
      relatedSpdxElement: id
    });
    m.dependencies.forEach((d, j) => {
      const depId = `${id}-dep-${j}`;
      packages.push(dependencyPackage(depId, d));
      relationships.push({ spdxElementId: id, relationshipType: "DEPENDS_ON", relatedSpdxElement: depId });
    });
  });
  const body = {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: imageName,
    creationInfo: {
      created: new Date(epochSeconds * 1e3).toISOString().replace(/\.\d{3}Z$/, "Z"),
      creators: ["Tool: wasm-build-frontend"]
    },
    packages,
    relationships
  };
  const hash = createHash2("sha256").update(JSON.stringify(body)).digest("hex");
  const uuid = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  return JSON.stringify({ ...body, documentNamespace: `urn:uuid:${uuid}` }, null, 2) + "\n";
}
function dependencyPackage(id, d) {
  return {
    SPDXID: id,
    name: d.name,
    versionInfo: d.version,
    downloadLocation: d.downloadLocation ?? "NOASSERTION",
    filesAnalyzed: false,
    primaryPackagePurpose: "LIBRARY",
    ...d.checksum ? { checksums: [{ algorithm: d.checksum.algorithm, checksumValue: d.checksum.hex }] } : {},
    externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: d.purl }],
    ...d.integrity ? { comment: `lock file hash: ${d.integrity}` } : {}
  };
}
function toolchainPackage(id, image2) {
  const at = image2.indexOf("@");
  const name = at < 0 ? image2 : image2.slice(0, at);
  const digest = at < 0 ? void 0 : image2.slice(at + 1);
  const repository = name.replace(/:[^:/]+$/, "");
  return {
    SPDXID: id,
    name: repository,
    ...digest ? { versionInfo: digest } : {},
    downloadLocation: image2,
    filesAnalyzed: false,
    primaryPackagePurpose: "CONTAINER",
    ...digest ? {
      checksums: [{ algorithm: "SHA256", checksumValue: digest.replace(/^sha256:/, "") }],
      externalRefs: [
        {
          referenceCategory: "PACKAGE-MANAGER",
          referenceType: "purl",
          referenceLocator: `pkg:oci/${repository.split("/").pop()}@${encodeURIComponent(digest)}?repository_url=${encodeURIComponent(repository)}`
        }
      ]
    } : {},
    comment: "the toolchain image the module was compiled in (its sysroot, e.g. wasi-libc, is linked in)"
  };
}

// frontend/request/definition.ts
async function readDefinition(gateway, opts, sessionId) {
  const { filename } = opts;
  const state = local(opts.dockerfileKey, {
    sessionId,
    followPaths: [filename, `${filename}.dockerignore`],
    sharedKeyHint: filename,
    differ: "none",
    customName: `[internal] load build definition from ${filename}`
  });
  const res = await gateway.solve({ definition: marshal(state).definition });
  if (!res.ref) throw new Error(`the daemon returned no result for the ${opts.dockerfileKey} local`);
  let data;
  try {
    data = await gateway.readFile(res.ref, filename, { offset: 0, length: LIMITS.fileBytes + 1 });
  } catch (err) {
    throw new FrontendError({
      code: GrpcCode.INVALID_ARGUMENT,
      message: `cannot read ${filename} from the build's definition directory: ${err.message}. Pass it with -f (e.g. \`docker buildx build -f wasm.toml .\`)`,
      details: []
    });
  }
  const text2 = new TextDecoder().decode(data);
  return { file: { filename, data, language: "toml" }, text: text2 };
}
function specErrors(def, errors) {
  const message2 = errors.length === 1 ? oneLine(errors[0]) : `${errors.length} problems in ${def.file.filename}:
${errors.map((e) => `  ${oneLine(e)}`).join("\n")}`;
  return new FrontendError({
    code: GrpcCode.INVALID_ARGUMENT,
    message: message2,
    details: errors.map(
      (e) => sourceDetail(def.file, [
        { start: { line: e.line, character: e.column }, end: { line: e.endLine, character: e.endColumn } }
      ])
    )
  });
}
function oneLine(e) {
  return `${e.filename}:${e.line}:${e.column}: ${e.message}${e.hint ? ` (${e.hint})` : ""}`;
}
function parseDefinition(def) {
  const parsed = parseWasmToml(def.text, { filename: def.file.filename });
  if (!parsed.ok) throw specErrors(def, parsed.errors);
  return parsed.spec;
}

// frontend/request/subrequests.ts
var DESCRIBE = "frontend.subrequests.describe";
var TARGETS2 = "frontend.targets";
var OUTLINE = "frontend.outline";
var VERSION = "1.0.0";
function isSubrequest(requestId) {
  return requestId !== void 0 && requestId !== "";
}
function describe(requestId) {
  if (requestId !== DESCRIBE) return void 0;
  const meta2 = [
    { name: "result.json", description: "" },
    { name: "result.txt", description: "" }
  ];
  const request = (name, description) => ({
    name,
    version: VERSION,
    type: "rpc",
    description,
    opts: [],
    inputs: [],
    metadata: meta2,
    refs: []
  });
  const list = [
    request(DESCRIBE, "List available subrequest types"),
    request(OUTLINE, "List all parameters current build target supports"),
    request(TARGETS2, "List all targets current build supports")
  ];
  const txt = list.map((r) => `${r.name.replace(/^frontend\./, "")}	${r.version}	${r.description}`).join("\n");
  return reply(list, txt + "\n");
}
function answer(requestId, spec, file, target) {
  const sources = [Buffer.from(file.data).toString("base64")];
  const byDefault = spec.image ? spec.image.entrypoint : spec.module[0].name;
  if (requestId === TARGETS2) {
    const targets = spec.module.map((m, i) => ({
      name: m.name,
      ...m.name === byDefault ? { default: true } : {},
      ...m.description ? { description: m.description } : {},
      platform: "wasi/wasm",
      location: location(spec, ["module", i])
    }));
    const width = Math.max(6, ...targets.map((t) => t.name.length + (t.default ? 10 : 0)));
    const rows = targets.map(
      (t) => `${(t.default ? `${t.name} (default)` : t.name).padEnd(width)}  ${t.description ?? ""}`.trimEnd()
    );
    return reply({ targets, sources }, [`${"TARGET".padEnd(width)}  DESCRIPTION`, ...rows].join("\n") + "\n");
  }
  if (requestId === OUTLINE) {
    const name = target || byDefault;
    const module = spec.module.find((m) => m.name === name);
    const args = Object.entries(spec["build-args"]).map(([argName, value]) => ({
      name: argName,
      value,
      location: location(spec, ["build-args", argName])
    }));
    const outline = {
      name,
      ...module?.description ? { description: module.description } : {},
      args,
      sources
    };
    const width = Math.max(4, ...args.map((a) => a.name.length));
    const rows = args.map((a) => `${a.name.padEnd(width)}  ${a.value}`);
    return reply(
      outline,
      [`TARGET: ${name}`, "", `${"NAME".padEnd(width)}  VALUE`, ...rows].join("\n") + "\n"
    );
  }
  throw unsupportedSubrequestError(requestId);
}
function location(spec, path12) {
  const r = spec.locate(path12);
  return { sourceIndex: 0, ranges: [{ start: { line: r.line }, end: { line: r.endLine } }] };
}
function reply(json, txt) {
  return {
    metadata: {
      "result.json": JSON.stringify(json, null, 2),
      "result.txt": txt,
      version: VERSION
    }
  };
}

// frontend/request/image-config.ts
var DEFAULT_EPOCH = 0;
function sourceDateEpoch(buildArgs) {
  const raw = buildArgs.get("SOURCE_DATE_EPOCH");
  if (raw === void 0 || raw === "") return { seconds: DEFAULT_EPOCH, explicit: false };
  if (!/^\d+$/.test(raw)) {
    throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${raw}")`);
  }
  return { seconds: Number(raw), explicit: true };
}
function imageConfig(input2) {
  const created = new Date(input2.epochSeconds * 1e3).toISOString().replace(".000Z", "Z");
  const labels = { ...input2.image.labels, ...Object.fromEntries(input2.buildLabels) };
  const config = {
    Entrypoint: [input2.entrypoint],
    WorkingDir: input2.image.workdir
  };
  if (input2.image.args.length > 0) config.Cmd = input2.image.args;
  const env = Object.entries(input2.image.env).map(([k, v]) => `${k}=${v}`);
  if (env.length > 0) config.Env = env;
  if (Object.keys(labels).length > 0) config.Labels = sortKeys(labels);
  return {
    created,
    architecture: input2.platform.architecture,
    os: input2.platform.os,
    ...input2.platform.variant ? { variant: input2.platform.variant } : {},
    config,
    rootfs: { type: "layers", diff_ids: [] },
    history: [{ created, created_by: `wasm-build: ${input2.modules.join(" ")}`, comment: "wasm-build" }]
  };
}
function sortKeys(obj) {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

// frontend/request/result.ts
function imageResult(ref, input2) {
  const configFor = (platform2) => JSON.stringify(
    imageConfig({
      platform: platform2,
      entrypoint: `/${input2.entrypoint}.wasm`,
      image: input2.image,
      buildLabels: input2.buildLabels,
      modules: input2.files,
      epochSeconds: input2.epoch.seconds
    })
  );
  const metadata = {
    "refs.platforms": JSON.stringify({
      Platforms: input2.platforms.map((p) => ({ ID: formatPlatform(p), Platform: p }))
    })
  };
  if (input2.epoch.explicit) metadata["source.date.epoch"] = String(input2.epoch.seconds);
  for (const [k, v] of Object.entries(input2.image.annotations)) metadata[`annotation.${k}`] = v;
  if (input2.platforms.length === 1) {
    metadata["containerimage.config"] = configFor(input2.platforms[0]);
    return { ref, metadata };
  }
  const refs = {};
  for (const p of input2.platforms) {
    refs[formatPlatform(p)] = ref;
    metadata[`containerimage.config/${formatPlatform(p)}`] = configFor(p);
  }
  return { refs, metadata };
}

// frontend/request/build.ts
function targetPlatforms(requested) {
  if (requested.length === 0) return [WASI_WASM];
  for (const p of requested) {
    if (p.architecture !== "wasm") {
      throw invalidArgument(
        `platform ${formatPlatform(p)}: wasm-build produces WebAssembly images; use --platform wasi/wasm`
      );
    }
  }
  return [...requested];
}
async function build(gateway) {
  const opts = gateway.options();
  const env = gateway.environment();
  if (isSubrequest(opts.requestId)) {
    const described = describe(opts.requestId);
    if (described) return described;
  }
  const def = await readDefinition(gateway, opts, env.sessionId);
  const spec = applyBuildArgs(parseDefinition(def), Object.fromEntries(opts.buildArgs));
  if (isSubrequest(opts.requestId)) return answer(opts.requestId, spec, def.file, opts.target);
  const selection = selectModules(spec, opts.target);
  if (!selection.ok)
    throw invalidArgument(`${selection.message}${selection.hint ? ` (${selection.hint})` : ""}`);
  const platforms = targetPlatforms(opts.platforms);
  const epoch = sourceDateEpoch(opts.buildArgs);
  if (opts.sbom && !gateway.caps.has(GatewayCap.attestations)) {
    throw invalidArgument(
      "this BuildKit takes no attestations from a frontend (cap reference.attestations): build without --sbom"
    );
  }
  const { image: image2, files, sbom } = await convert2(gateway, spec, selection.modules, {
    file: def.file,
    buildArgs: opts.buildArgs,
    contextKey: opts.contextKey,
    sessionId: env.sessionId,
    noCache: opts.noCache,
    imageResolveMode: opts.imageResolveMode,
    cacheImports: opts.cacheImports,
    buildPlatform: env.buildPlatform,
    epochSeconds: epoch.seconds,
    frontendImage: memo(() => selfImage({ gateway, options: opts, platform: env.buildPlatform })),
    sbom: opts.sbom
  });
  const res = await gateway.solve({
    definition: marshal(image2, { platform: env.buildPlatform }).definition,
    cacheImports: opts.cacheImports
  });
  if (!res.ref) throw new Error("the daemon returned no result for the image");
  const result = imageResult(res.ref, {
    platforms,
    entrypoint: selection.entrypoint.name,
    image: selection.image,
    buildLabels: opts.labels,
    files,
    epoch
  });
  if (!sbom) return result;
  const attestation = await sbomAttestation(gateway, sbom, epoch.seconds);
  const attestations = Object.fromEntries(platforms.map((p) => [formatPlatform(p), [attestation]]));
  return { ...result, attestations };
}
async function sbomAttestation(gateway, modules, epochSeconds) {
  const path12 = "/sbom.spdx.json";
  const name = modules.map((m) => `${m.name}.wasm`).join(", ");
  const state = scratch().file(mkfile(path12, 420, spdxDocument(name, modules, epochSeconds)), {
    customName: "SBOM of the modules (SPDX, from their lock files)"
  });
  const res = await gateway.solve({ definition: marshal(state).definition });
  if (!res.ref) throw new Error("the daemon returned no result for the SBOM");
  return { ref: res.ref, path: path12, predicateType: SPDX_PREDICATE_TYPE };
}
function memo(fn) {
  let result;
  return () => result ??= fn();
}

// frontend/request/engine-version.ts
var MIN_BUILDKIT = "v0.7";
var MIN_DOCKER_ENGINE = "20.10";
function withMinimumVersion(err) {
  if (!(err instanceof CapabilityError)) return err;
  const out = new CapabilityError(
    err.capId,
    `${err.message}. wasm-build's frontend needs BuildKit >= ${MIN_BUILDKIT}: Docker Engine >= ${MIN_DOCKER_ENGINE} (docker build / docker buildx build), or buildx with a newer BuildKit (docker buildx create --driver docker-container)`
  );
  out.stack = err.stack?.replace(err.message, out.message);
  return out;
}
function requireMinimumEngine(build2) {
  return async (...args) => {
    try {
      return await build2(...args);
    } catch (err) {
      throw withMinimumVersion(err);
    }
  };
}

// frontend/main.ts
if (process.argv[2] === COMPONENTIZE_COMMAND) {
  process.exit(await componentizeMain(process.argv.slice(3)));
}
var code = await runFrontend(requireMinimumEngine(build));
process.exit(code);

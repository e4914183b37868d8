"""The first word of every simple command in a shell text, with its line.

A small lexer of the shell's grammar, enough for the project's scripts and
Makefile recipes: quotes (a command inside "$(...)" counts, the text of a
string does not), comments, heredocs (their bodies skipped), case patterns
(skipped), ${...}, $((...)) and ((...)) (no commands in them), line
continuations, function definitions, array assignments, and the operators
that start a new command (; & | && || ( ) { } ! and the keywords).
Used by check_used_programs.py; tested by test_shcmds.py.
"""
import re

# After these words the next word is again a command (their options skipped).
PREFIXES = {"if", "then", "else", "elif", "do", "while", "until", "!", "time", "{",
            "exec", "command", "nice", "timeout", "env", "xargs", "sudo", "as_root",
            "taskset", "setsid", "stdbuf", "nohup", "flock", "chroot"}
# Options of those words that take an argument (env -u NAME, timeout -s KILL).
ARG_OPTS = {"env": {"-u", "--unset", "-C", "--chdir"}, "timeout": {"-s", "--signal", "-k", "--kill-after"},
            "nice": {"-n"}, "taskset": {"-c"}, "flock": {"-w", "-E"},
            "xargs": {"-n", "-I", "-P", "-d", "-L", "-s", "-a"}}
ASSIGN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?\+?=")
OPTION = re.compile(r"^(-.*|[0-9.]+[smhd]?)$")


class Lexer:
    def __init__(self, text):
        self.t = text
        self.i = 0
        self.line = 1
        self.out = []

    def peek(self, k=0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else ""

    def adv(self, n=1):
        for _ in range(n):
            if self.i < len(self.t) and self.t[self.i] == "\n":
                self.line += 1
            self.i += 1

    def skip_balanced(self, open_, close):
        depth = 0
        while self.i < len(self.t):
            c = self.peek()
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    self.adv()
                    return
            self.adv()

    def run(self):
        self.commands(end=None)
        return self.out

    def emit(self, words):
        """words: [(text, quoted, line)] of one simple command."""
        i = 0
        while i < len(words):
            w, q, ln = words[i]
            if not q and ASSIGN.match(w):
                i += 1
                continue
            if q:
                return
            self.out.append((w, ln))
            if w not in PREFIXES:
                return
            if w == "command" and i + 1 < len(words) and words[i + 1][0] in ("-v", "-V"):
                return  # a look-up, not a run
            i += 1
            while i < len(words) and not words[i][1] and OPTION.match(words[i][0]):
                i += 2 if words[i][0] in ARG_OPTS.get(w, ()) else 1

    def commands(self, end):
        """Reads commands until `end` (')' or '`', or None for the end)."""
        st = {"words": [], "word": "", "quoted": False, "wline": self.line,
              "case": 0, "pat": False}
        heredocs = []

        def flush_word():
            w, q = st["word"], st["quoted"]
            if w or q:
                if st["case"] == 1:
                    st["case"] = 2
                elif st["case"] == 2 and w == "in":
                    st["case"] = 0
                    st["pat"] = True
                else:
                    if not st["words"] and w == "case" and not q:
                        st["case"] = 1
                    st["words"].append((w, q, st["wline"]))
            st["word"], st["quoted"] = "", False

        def flush_cmd():
            flush_word()
            if st["case"] == 0:
                self.emit(st["words"])
            st["words"] = []

        def start_word():
            if not st["word"] and not st["quoted"]:
                st["wline"] = self.line

        while self.i < len(self.t):
            c = self.peek()
            if end and c == end and not st["pat"]:
                flush_cmd()
                self.adv()
                return
            if c == "\\":
                if self.peek(1) == "\n":
                    self.adv(2)
                    continue
                start_word()
                st["word"] += self.peek(1)
                self.adv(2)
                continue
            if c == "\n":
                flush_cmd()
                self.adv()
                for h in heredocs:
                    while self.i < len(self.t):
                        j = self.t.find("\n", self.i)
                        j = len(self.t) if j < 0 else j
                        body = self.t[self.i:j]
                        self.adv(j - self.i + 1)
                        if body.strip() == h:
                            break
                heredocs = []
                continue
            if st["pat"]:
                # inside a case: patterns up to ')', or the closing esac
                if c == "#" and not st["word"]:
                    while self.i < len(self.t) and self.peek() != "\n":
                        self.adv()
                elif c == ")":
                    st["pat"] = False
                    st["word"] = ""
                    self.adv()
                elif self.t.startswith("esac", self.i) and not st["word"]:
                    st["pat"] = False
                    self.adv(4)
                elif c in " \t|(":
                    st["word"] = ""
                    self.adv()
                elif c in "'\"":
                    self.adv()
                    while self.i < len(self.t) and self.peek() != c:
                        self.adv()
                    self.adv()
                else:
                    st["word"] += c
                    self.adv()
                continue
            if c == "'":
                start_word()
                self.adv()
                while self.i < len(self.t) and self.peek() != "'":
                    self.adv()
                self.adv()
                st["quoted"] = True
                continue
            if c == '"':
                start_word()
                self.adv()
                self.dquote()
                st["quoted"] = True
                continue
            if c == "$" and self.peek(1) == "(" and self.peek(2) == "(":
                start_word()
                self.adv()
                self.skip_balanced("(", ")")
                st["quoted"] = True
                continue
            if c == "$" and self.peek(1) == "(":
                start_word()
                self.adv(2)
                self.commands(end=")")
                st["quoted"] = True
                continue
            if c == "$" and self.peek(1) == "{":
                start_word()
                self.adv()
                self.skip_balanced("{", "}")
                st["quoted"] = True
                continue
            if c == "$":
                start_word()
                st["quoted"] = True  # a variable: not a program name we can see
                self.adv()
                continue
            if c == "`":
                start_word()
                self.adv()
                self.commands(end="`")
                st["quoted"] = True
                continue
            if c == "#" and not st["word"] and not st["quoted"]:
                while self.i < len(self.t) and self.peek() != "\n":
                    self.adv()
                continue
            if c == "<" and self.peek(1) == "<" and self.peek(2) != "<":
                flush_word()
                self.adv(2)
                if self.peek() == "-":
                    self.adv()
                m = re.match(r"[ \t]*['\"]?([A-Za-z_]+)['\"]?", self.t[self.i:])
                if m:
                    heredocs.append(m.group(1))
                    self.adv(m.end())
                continue
            if c in "<>":
                # a redirection: its target is not a command word, nor
                # the descriptor number before it (2>&1)
                if st["word"].isdigit():
                    st["word"] = ""
                flush_word()
                # (peek() is "" at the end, which `in` would find in any string)
                while self.peek() and self.peek() in "<>&":
                    self.adv()
                while self.peek() and self.peek() in " \t":
                    self.adv()
                while self.i < len(self.t) and self.peek() not in " \t\n;|&()":
                    if self.peek() == '"':
                        self.adv()
                        self.dquote()
                    elif self.peek() == "$" and self.peek(1) == "(":
                        self.adv(2)
                        self.commands(end=")")
                    else:
                        self.adv()
                continue
            if c == "(" and self.peek(1) == "(" and not st["word"]:
                flush_cmd()
                self.skip_balanced("(", ")")
                continue
            if self.t.startswith(";;", self.i) or self.t.startswith(";&", self.i):
                flush_cmd()
                self.adv(2)
                st["pat"] = True
                continue
            if c == "=" and st["word"] and self.peek(1) == "(" and re.match(r"^[A-Za-z_][A-Za-z0-9_]*\+?$", st["word"]):
                self.adv()
                self.skip_balanced("(", ")")  # an array assignment
                st["word"], st["quoted"] = "", False
                continue
            if c == "(" and st["word"]:
                # a function definition: name() { ... }
                st["word"], st["quoted"] = "", False
                st["words"] = []
                self.adv()
                if self.peek() == ")":
                    self.adv()
                continue
            if c in "{}" and (st["word"] or st["quoted"] or self.peek(1) not in " \t\n;"):
                start_word()
                st["word"] += c
                self.adv()
                continue
            if c in ";&|(){}" or (c == "!" and not st["word"] and self.peek(1) in " \t"):
                flush_cmd()
                self.adv()
                if c == "(":
                    self.commands(end=")")
                continue
            if c in " \t":
                flush_word()
                self.adv()
                continue
            start_word()
            st["word"] += c
            self.adv()
        flush_cmd()

    def dquote(self):
        while self.i < len(self.t):
            c = self.peek()
            if c == "\\":
                self.adv(2)
            elif c == '"':
                self.adv()
                return
            elif c == "$" and self.peek(1) == "(" and self.peek(2) == "(":
                self.adv()
                self.skip_balanced("(", ")")
            elif c == "$" and self.peek(1) == "(":
                self.adv(2)
                self.commands(end=")")
            elif c == "`":
                self.adv()
                self.commands(end="`")
            else:
                self.adv()


KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for",
            "case", "esac", "in", "function", "select", "time", "!", "{", "}", "[[", "]]"}


def command_words(text):
    """[(word, line)] for every simple command of a shell text (the
    programs, builtins and functions it runs; no keywords)."""
    return [(w, n) for w, n in Lexer(text).run() if w not in KEYWORDS]

// MLS concrete syntax. Statements are separated by newlines or ';'; newlines inside ( ) and [ ]
// are skipped by the lexer (it tracks the nesting), inside { } they separate fields and statements.
// Precedence is encoded by layered rules (loosest first) so that juxtaposition — implicit
// multiplication, tighter than * and / — stays unambiguous: `3.35 TB/s` is `(3.35 TB)/s`.
grammar Mls;

@lexer::members {
  int nesting = 0;
}

// Statements are separated by one or more `sep`s. Written so that each decision is taken on one token
// (`sep+ statement` vs `sep* EOF` needed adaptive prediction at every statement; see juxtExpr).
program      : sep* (statement (sep statement?)*)? EOF ;
sep          : NL | SEMI ;
// The expression between braces of an interpolated string in `print` (compiler/syntax/interpolation.cpp).
interpolation : expr EOF ;

statement
  : annotation* UNIT unitName (COLON typ=expr)? (ASSIGN value=expr)?          # unitDecl
  | DIMENSION ident (ASSIGN typ=expr)?                                        # dimensionDecl
  | kind=ident name=ident recordBlock                                         # recordDecl
  | FN ident LPAREN (param (COMMA param)*)? RPAREN (ARROW typ=expr)? ASSIGN body=expr  # fnDecl
  | PRINT expr (COMMA expr)*                                                  # printStmt
  | ASSERT cond=expr (COMMA msg=expr)?                                        # assertStmt
  | EXPECT lhs=expr (APPROX rhs=expr (WITHIN tol=expr)?)?                     # expectStmt
  | FOR forBinding (COMMA forBinding)* block (reduceClause (COMMA reduceClause)*)?   # forStmt
  | ROW fieldInit (COMMA fieldInit)*                                          # rowStmt
  | PLOT expr                                                                 # plotStmt
  | IMPORT STRING                                                             # importStmt
  | ident (COLON typ=expr)? ASSIGN value=expr                                 # letStmt
  | expr                                                                      # exprStmt
  ;

unitName     : ident | PERCENT ;
annotation   : AT ident (LPAREN (arg (COMMA arg)*)? RPAREN)? ;
param        : ident (COLON typ=expr)? ;
// `for hw in hardware where tier == cloud`: the filter keeps the items it is true for (a bare name
// in it is first a field of the item).
forBinding   : name=ident IN iter=expr (WHERE cond=expr)? ;
// After a loop's block, on the same line: `where COND`, `best [N] by KEY`, `count`, `minimum KEY`,
// `maximum KEY`, `mean KEY`, `pareto(K1, K2[, K3])`. The words are not reserved (a field may be
// called `count`); the AST builder reads them. `by` after the word is the `by` of `best N by KEY`.
reduceClause : word=ident (top=NUMBER)? (by=BY)? (LPAREN expr (COMMA expr)* RPAREN | expr)? ;
block        : LBRACE sep* (statement (sep statement?)*)? RBRACE ;
recordBlock  : LBRACE itemSep* (recordItem (itemSep recordItem?)*)? RBRACE ;
itemSep      : NL | COMMA | SEMI ;
recordItem   : annotation+                                                    # entryAnnotations
             | fieldInit annotation*                                          # fieldItem
             ;
fieldInit    : ident ASSIGN expr ;
arg          : (ident ASSIGN)? expr ;

// ---- expressions, loosest to tightest --------------------------------------------------------
expr         : IF cond=expr THEN thenE=expr ELSE elseE=expr                   # ifExpr
             | convExpr                                                       # plainExpr
             ;
convExpr     : orExpr ((ARROW | TO) mulExpr)* ;
orExpr       : andExpr (OR andExpr)* ;
andExpr      : notExpr (AND notExpr)* ;
notExpr      : NOT notExpr | cmpExpr ;
cmpExpr      : defaultExpr (cmpOp defaultExpr)? ;
// `hw.unit_cost ?? 0 USD`: the field when the record has it, else the default (right-associative).
// Tighter than comparisons, looser than ranges and arithmetic: `unit_cost ?? 0 USD > 0 USD` compares the
// defaulted value, `x.f ?? 1 s + 2 s` defaults to 3 s.
defaultExpr  : rangeExpr (QQ defaultExpr)? ;
cmpOp        : EQ | NE | LT | LE | GT | GE ;
// After a range's upper bound `step` is the step; it never continues a juxtaposition or a unit chain
// (`1 .. 10 step 2`), see juxtName.
rangeExpr    : addExpr (DOTDOT addExpr (STEP STAR? addExpr)?)? ;
addExpr      : mulExpr (addOp mulExpr)* ;
addOp        : PLUS | MINUS ;
mulExpr      : unaryExpr (mulOp unaryExpr)* ;
mulOp        : STAR | SLASH | TIMES | DIVIDE | CDOT ;
unaryExpr    : (MINUS | PLUS) unaryExpr | juxtExpr ;
// A quantity literal groups its whole unit chain: `989 TFLOP/s / 3.35 TB/s` is
// (989 TFLOP/s) / (3.35 TB/s), `50 cm / 2 m` is (50 cm) / (2 m). The grammar does not group it: a rule
// `quantityLit : NUMBER unitAtom (mulOp? unitAtom)*` beside `powExpr juxtOperand*` could only be told
// apart by unbounded lookahead (`2 GPU x.y` is a product, `2 GPU x` a quantity), which ANTLR predicted
// adaptively — over a third of a cold start's instructions, the DFA cache being empty in each process.
// Here every decision is taken on one token, and the AST builder (compiler/syntax/quantity.cpp) regroups
// a number followed by unit atoms — names or `%`, each with an optional power, and no field, call or
// other value among them — together with the `* / · × ÷ atom…` terms after it, into the quantity literal.
juxtExpr     : powExpr juxtOperand* ;
juxtOperand  : powExprNoNumber ;
powExpr      : postfixExpr (powOp powRhs)? ;
powExprNoNumber : postfixNoNumber (powOp powRhs)? ;
powRhs       : (MINUS | PLUS)? powExpr ;
powOp        : CARET | STARSTAR ;
postfixExpr  : primary postfix* ;
postfixNoNumber : primaryNoNumber postfix* ;
postfix      : DOT ident                                                      # fieldPostfix
             | LPAREN (arg (COMMA arg)*)? RPAREN                              # callPostfix
             | WITH recordBlock                                               # withPostfix
             ;
// A record literal never continues a juxtaposition, nor do `where` and `step` (juxtName), nor does a
// parenthesised expression: after a value, `(` always opens a call (`f (x)`), so a juxtaposed operand
// starting with `(` could never be chosen, and offering it made every postfix loop an adaptive decision.
primary      : NUMBER | recordBlock | LPAREN expr RPAREN | primaryNoNumber | WHERE | STEP ;
primaryNoNumber
             : juxtName                                                       # identPrimary
             | PERCENT                                                        # percentPrimary
             | STRING                                                         # stringPrimary
             | (TRUE | FALSE)                                                 # boolPrimary
             | LBRACK (expr (COMMA expr)*)? COMMA? RBRACK                     # listPrimary
             | QUESTION                                                       # holePrimary
             ;
// `where`, `step` and `by` are soft keywords: tokens of their own, so the parser decides on the token
// (the expression rules' loops stay LL(1); predicates on the text made ANTLR predict them adaptively,
// the most of a cold parse), yet names wherever a name is allowed.
ident        : IDENT | WHERE | STEP | BY ;
// A name that may continue a juxtaposition or a unit chain: `where` ends one (`hardware where tier ==
// cloud` is a filtered list, not a product) and so does `step` (`1 .. 10 step 2`).
juxtName     : IDENT | BY ;

// ---- lexer ---------------------------------------------------------------------------------------
UNIT      : 'unit' ;
DIMENSION : 'dimension' ;
FN        : 'fn' ;
PRINT     : 'print' ;
ASSERT    : 'assert' ;
EXPECT    : 'expect' ;
WITHIN    : 'within' ;
FOR       : 'for' ;
IN        : 'in' ;
ROW       : 'row' ;
PLOT      : 'plot' ;
IMPORT    : 'import' ;
IF        : 'if' ;
THEN      : 'then' ;
ELSE      : 'else' ;
AND       : 'and' ;
OR        : 'or' ;
NOT       : 'not' ;
TRUE      : 'true' ;
FALSE     : 'false' ;
TO        : 'to' ;
WITH      : 'with' ;
WHERE     : 'where' ;   // soft keywords: see the parser rule ident
STEP      : 'step' ;
BY        : 'by' ;

NUMBER    : DIGITS ('.' DIGITS)? EXPONENT? | '.' DIGITS EXPONENT? ;
fragment DIGITS   : [0-9] ('_'? [0-9])* ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
STRING    : '"' (~["\\\r\n] | '\\' .)* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' .)* ;
IDENT     : [\p{L}_] [\p{L}\p{N}_]* ;

ARROW     : '->' | '→' ;
APPROX    : '~=' | '≈' ;
EQ        : '==' ;
NE        : '!=' | '≠' ;
LE        : '<=' | '≤' ;
GE        : '>=' | '≥' ;
LT        : '<' ;
GT        : '>' ;
ASSIGN    : '=' ;
STARSTAR  : '**' ;
STAR      : '*' ;
SLASH     : '/' ;
TIMES     : '×' ;
DIVIDE    : '÷' ;
CDOT      : '·' ;
CARET     : '^' ;
PLUS      : '+' ;
MINUS     : '-' ;
DOTDOT    : '..' ;
DOT       : '.' ;
COMMA     : ',' ;
COLON     : ':' ;
SEMI      : ';' ;
AT        : '@' ;
PERCENT   : '%' ;
QQ        : '??' ;
QUESTION  : '?' ;
LPAREN    : '(' { ++nesting; } ;
RPAREN    : ')' { if (nesting > 0) --nesting; } ;
LBRACK    : '[' { ++nesting; } ;
RBRACK    : ']' { if (nesting > 0) --nesting; } ;
LBRACE    : '{' ;
RBRACE    : '}' ;

NL        : '\r'? '\n' { if (nesting > 0) skip(); } ;
COMMENT   : '#' ~[\r\n]* -> skip ;
WS        : [ \t\f]+ -> skip ;
ERRCHAR   : . ;

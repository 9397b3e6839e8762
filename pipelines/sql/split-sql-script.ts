/**
 * The statements of a .sql script, in order. A statement ends with `;` at the end of a line
 * (a `;` inside a line, as in a string literal, does not end it); comment lines before a
 * statement are dropped, and so is a part holding only comments.
 */
export function splitSqlScript(text: string): string[] {
  return text
    .split(/;[ \t]*\r?\n/)
    .map((statement) =>
      statement
        .replace(/;\s*$/, '')
        .replace(/^\s*(--[^\n]*\n\s*)*/, '')
        .trim(),
    )
    .filter((statement) => statement.replace(/--.*$/gm, '').trim() !== '');
}

/** The width text output wraps to: the terminal's, or 80 when stdout is not a terminal (a pipe, a CI log). */
export function terminalWidth(stream: { columns?: number; isTTY?: boolean } = process.stdout): number {
    return stream.isTTY && stream.columns && stream.columns >= 40 ? stream.columns : 80;
}

/**
 * Wraps each line longer than `width` at spaces; a continuation keeps the line's indentation plus four spaces, so
 * a wrapped message still reads as one item, and a plan tree's branches carry on down (`├─` continues as `│`).
 * Lines break between words only: a word longer than the room (a type token, a URN, an ARN) stands whole on a line
 * of its own, past the width, so a CI log can still be searched for it.
 */
export function wrapText(text: string, width: number): string {
    return text
        .split("\n")
        .flatMap((line) => wrapLine(line, width))
        .join("\n");
}

function wrapLine(line: string, width: number): string[] {
    if (line.length <= width) {
        return [line];
    }
    const indent = /^[\s+│├└─]*/.exec(line)?.[0] ?? "";
    const continuation = `${indent.replace(/├/g, "│").replace(/[+└─]/g, " ")}    `.slice(0, Math.max(0, width - 20));
    const lines: string[] = [];
    let current = indent;
    let prefix = indent;
    // Split on single spaces: a run of spaces (column alignment) survives where the line is not broken.
    for (const word of line.slice(indent.length).split(" ")) {
        const rest = word;
        if (current.length > prefix.length && current.length + 1 + rest.length > width) {
            lines.push(current.trimEnd());
            prefix = continuation;
            current = prefix;
        }
        current = current.length > prefix.length ? `${current} ${rest}` : current + rest;
    }
    if (current.trim().length > 0) {
        lines.push(current.trimEnd());
    }
    return lines;
}

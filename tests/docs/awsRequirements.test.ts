import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const DOC = path.join(ROOT, "docs", "aws-requirements.md");
const ID = /AWS-[A-Z0-9]+-\d{3}/g;
const SCANNED = ["index.ts", "components", "policy-pack", "tools", "tests", "examples", "stacks", ".github"];
const SKIPPED = new Set(["node_modules", "bin", "dist"]);

interface Entry {
    readonly id: string;
    readonly body: string;
}

function entries(text: string): Entry[] {
    const found: Entry[] = [];
    const heading = /^### (AWS-[A-Z0-9]+-\d{3}): .+$/gm;
    const marks = [...text.matchAll(heading)];
    marks.forEach((mark, i) => {
        const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
        found.push({ id: mark[1], body: text.slice(mark.index, end) });
    });
    return found;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
    for (const name of fs.readdirSync(dir)) {
        if (SKIPPED.has(name)) continue;
        const full = path.join(dir, name);
        if (fs.statSync(full).isDirectory()) sourceFiles(full, out);
        else if (/\.(ts|js|json|ya?ml)$/.test(name)) out.push(full);
    }
    return out;
}

function namedIds(files: readonly string[]): Map<string, string[]> {
    const named = new Map<string, string[]>();
    for (const file of files) {
        for (const id of new Set(fs.readFileSync(file, "utf8").match(ID) ?? [])) {
            named.set(id, [...(named.get(id) ?? []), path.relative(ROOT, file)]);
        }
    }
    return named;
}

describe("docs/aws-requirements.md", () => {
    const text = fs.readFileSync(DOC, "utf8");
    const all = entries(text);
    const files = SCANNED.flatMap((entry) => {
        const full = path.join(ROOT, entry);
        if (!fs.existsSync(full)) return [];
        return fs.statSync(full).isDirectory() ? sourceFiles(full) : [full];
    });
    const named = namedIds(files.filter((file) => file !== __filename));

    it("gives every id once", () => {
        const ids = all.map((entry) => entry.id);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).to.deep.equal([]);
    });

    it("gives every entry a fact, a source and a status of confirmed or unconfirmed", () => {
        const incomplete = all
            .filter(
                (entry) =>
                    !/^- \*\*Fact:\*\* \S/m.test(entry.body) ||
                    !/^- \*\*Source:\*\* \S/m.test(entry.body) ||
                    !/^- \*\*Status:\*\* (confirmed|unconfirmed: \S)/m.test(entry.body),
            )
            .map((entry) => entry.id);
        expect(incomplete).to.deep.equal([]);
    });

    it("has an entry for every id the code, the stacks and the tests name", () => {
        const known = new Set(all.map((entry) => entry.id));
        const unknown = [...named.entries()].filter(([id]) => !known.has(id)).map(([id, where]) => `${id} (${where.join(", ")})`);
        expect(unknown).to.deep.equal([]);
    });

    it("has every entry pinned by a test that names its id", () => {
        const pinned = (id: string) => (named.get(id) ?? []).some((file) => file.startsWith(`tests${path.sep}`));
        expect(all.filter((entry) => !pinned(entry.id)).map((entry) => entry.id)).to.deep.equal([]);
    });
});

import * as fs from "fs";
import * as path from "path";
import { main } from "@pulumi/pulumi/provider";
import { AuditLogsComponentProvider } from "./componentProvider";

/**
 * The entry point `pulumi package add` runs (package.json `main`, PulumiPlugin.yaml): serves AuditLogBucket as
 * `audit-logs:index:AuditLogBucket` so Python, Go, .NET and YAML programs get a generated SDK. The host infers the
 * schema from the TypeScript sources of the package root; componentProvider.ts corrects its provider references, so
 * `vault.provider` reaches other languages as an `aws.Provider`.
 */
void main(new AuditLogsComponentProvider(packageRoot(__dirname)), process.argv.slice(2));

function packageRoot(start: string): string {
    let dir = start;
    while (!fs.existsSync(path.join(dir, "PulumiPlugin.yaml"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no PulumiPlugin.yaml above ${start}`);
        }
        dir = parent;
    }
    return dir;
}

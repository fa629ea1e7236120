import * as path from "path";
import { planStack } from "../../tools/offline/plan";

/**
 * Runs this example offline, the way `npm run preview` runs the project's stacks: the program on the real Pulumi
 * SDK under mocks, with stacks/Pulumi.example.yaml, no credentials and no AWS calls. Prints what `pulumi preview`
 * would create. Usage (from the repository root):
 *
 *     node -r ts-node/register/transpile-only examples/trail-and-config/preview.ts
 *
 * With credentials and the Pulumi CLI instead: cd examples/trail-and-config && pulumi stack init example &&
 * pulumi preview (replace accountId in stacks/Pulumi.example.yaml first).
 */
async function main(): Promise<number> {
    const plan = await planStack({ root: __dirname, stack: "example" });
    console.log(`Plan of examples/${path.basename(__dirname)} (stack example), offline:\n`);
    for (const resource of plan.resources) {
        const flags = [resource.protect ? "protect" : "", resource.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean).join(",");
        console.log(`  + ${resource.type.padEnd(60)} ${resource.name}${flags ? `  [${flags}]` : ""}`);
    }
    console.log(`\n+ ${plan.resources.length} to create`);
    return 0;
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(2);
    },
);

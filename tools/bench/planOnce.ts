// The baseline of the plan benchmark: the same offline plan as `npm run preview -- --json` (program under mocks,
// verdicts through the pack process), run the way a default Pulumi TypeScript project runs (the bench starts it
// under type-checking ts-node, with source-mapped stack traces, and a TypeScript pack), nothing started early.
import { parseArgs } from "util";
import { planStack } from "../offline/plan";
import { plannedResource } from "../offline/render";
import { PolicyPackProcess } from "../policy/analyzer";
import { analyzerResource } from "../policy/fromPlan";

async function main(): Promise<void> {
    const started = process.hrtime.bigint();
    const { values } = parseArgs({ options: { stack: { type: "string", default: "prod" }, pack: { type: "string" } } });
    // A TypeScript pack type-checks as it starts: on a busy machine that takes well over the default 20 s.
    const pack = PolicyPackProcess.start(values.pack as string, { startTimeoutMs: 120_000, callTimeoutMs: 60_000 });
    const plan = await planStack({ stack: values.stack as string });
    const running = await pack;
    const resources = plan.resources.map(analyzerResource);
    await running.configureStack({ project: plan.stack.project, stack: plan.stack.stack, dryRun: true });
    await running.info();
    const violations = [];
    for (const resource of resources) {
        violations.push(...(await running.analyze(resource)));
    }
    violations.push(...(await running.analyzeStack(resources)));
    const document = JSON.stringify({ stack: plan.stack.stack, resources: plan.resources.map(plannedResource), violations });
    running.close();
    process.stdout.write(
        JSON.stringify({
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            resources: resources.length,
            violations: violations.length,
            bytes: document.length,
        }) + "\n",
    );
    process.exit(0);
}

main().catch((error) => {
    console.error(error);
    process.exit(2);
});

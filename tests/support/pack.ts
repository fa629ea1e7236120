import { AnalyzerResource, PackInfo, PolicyConfigFile, PolicyPackProcess } from "../../tools/policy/analyzer";
import { PROJECT_PACK_DIR, ensurePackBuilt } from "../../tools/policy/packDir";
import type { Violation } from "../../tools/policy/violations";

/** The project's pack as its own process, kept for a test file: each call runs resources through it like the engine. */
export class PackUnderTest {
    private constructor(
        private readonly pack: PolicyPackProcess,
        readonly info: PackInfo,
    ) {}

    static async start(): Promise<PackUnderTest> {
        ensurePackBuilt(PROJECT_PACK_DIR);
        const pack = await PolicyPackProcess.start(PROJECT_PACK_DIR);
        await pack.configureStack({ project: "fixtures", stack: "test", dryRun: true });
        return new PackUnderTest(pack, await pack.info());
    }

    async verdicts(resources: readonly AnalyzerResource[], config: PolicyConfigFile = {}): Promise<Violation[]> {
        await this.pack.configure(this.info, config);
        const violations: Violation[] = [];
        for (const resource of resources) {
            violations.push(...(await this.pack.analyze(resource)));
        }
        violations.push(...(await this.pack.analyzeStack(resources)));
        return violations;
    }

    close(): void {
        this.pack.close();
    }
}

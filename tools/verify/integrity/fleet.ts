import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { assumeRole, roleArnOf } from "../assumeRole";
import { PackSession } from "../../offline/packSession";
import { REPO_ROOT, planStack } from "../../offline/plan";
import type { PendingPack, PolicyConfigFile } from "../../policy/analyzer";
import { listStackTargets } from "../../stacks/list";
import { explainAwsError } from "../errors";
import { VerifyDocument, exitStatus, inspect, withVerdicts } from "../run";
import { analyzerResources } from "../translate";
import { Limiter } from "./limit";
import type { Credentials } from "./reader";
import { IntegrityDocument, verifyStackIntegrity } from "./stack";

/** One stack's row: its document, or why it could not be verified. */
export type FleetRow = { stack: string; account: string; region: string; exitCode: 0 | 1 | 2 } & ({ document: VerifyDocument | IntegrityDocument } | { error: { message: string } });

export interface FleetVerifyDocument {
    stacks: FleetRow[];
    summary: { stacks: number; ok: string[]; failed: string[]; errors: string[]; exitCode: 0 | 1 | 2 };
}

export interface FleetOptions {
    pack: PendingPack;
    policyConfig?: PolicyConfigFile;
    endpoint?: string;
    /** The read-only role each stack's account has: arn:<partition>:iam::<account>:role/<roleName>. */
    roleName: string;
    /** The vault account's read-only role, for the stacks whose vault is in another account (`--vault-role-name`). */
    vaultRoleName?: string;
    /** Stacks verified at once. @default 8 */
    concurrency?: number;
    maxAgeHours?: number;
    integrity?: { from: Date; to: Date; concurrency?: number };
    stacksDir?: string;
    now?: Date;
}

/**
 * Verifies every stack of the stack directory, each in its own account: through sts:AssumeRole on the account's
 * read-only role (AWS-STS-300), or with the caller's own credentials when they are already that account's. Stacks run
 * concurrently; programs are planned one at a time (the SDK's state is global) and the one pack process checks one
 * stack at a time. A stack that fails (access denied, no bucket) is its row, not the end of the run.
 */
export async function verifyAll(options: FleetOptions): Promise<FleetVerifyDocument> {
    const targets = listStackTargets(REPO_ROOT, options.stacksDir);
    const endpoint = options.endpoint ? { endpoint: options.endpoint } : {};
    const sts = new STSClient({ region: targets[0]?.region ?? "us-east-1", ...endpoint });
    const session = await PackSession.open(options.pack, options.policyConfig);
    try {
        const caller = await sts.send(new GetCallerIdentityCommand({})).catch((error) => {
            throw explainAwsError("sts:GetCallerIdentity", "the caller", error);
        });
        const limiter = new Limiter(options.concurrency ?? 8);
        let planned: Promise<unknown> = Promise.resolve();
        let packFree: Promise<unknown> = Promise.resolve();
        const serial = <T>(chain: "plan" | "pack", task: () => Promise<T>): Promise<T> => {
            const run = (chain === "plan" ? planned : packFree).then(task);
            const settled = run.catch(() => undefined);
            if (chain === "plan") {
                planned = settled;
            } else {
                packFree = settled;
            }
            return run;
        };
        const rows = await Promise.all(
            targets.map((target) =>
                limiter.run(async (): Promise<FleetRow> => {
                    const base = { stack: target.stack, account: target.account, region: target.region };
                    try {
                        let credentials: Credentials | undefined;
                        if (caller.Account !== target.account) {
                            credentials = await assumeRole(sts, roleArnOf(target.partition, target.account, options.roleName), `verify-${target.stack}`, caller.Arn);
                        }
                        const plan = await serial("plan", () => planStack({ stack: target.stack, stacksDir: options.stacksDir }));
                        const { document, live, config, vaultReplica } = await inspect({ stack: target.stack, plan, endpoint: options.endpoint, credentials, vaultRoleName: options.vaultRoleName, maxAgeHours: options.maxAgeHours, now: options.now });
                        const { info, violations } = await serial("pack", () => session.check({ project: live.project, stack: target.stack, config }, analyzerResources(live), false));
                        let verified: VerifyDocument | IntegrityDocument = withVerdicts(document, info, violations);
                        if (options.integrity) {
                            verified = await verifyStackIntegrity(verified, { ...options.integrity, endpoint: options.endpoint, credentials, replica: vaultReplica });
                        }
                        return { ...base, exitCode: exitStatus(verified), document: verified };
                    } catch (error) {
                        return { ...base, exitCode: 2, error: { message: error instanceof Error ? error.message : String(error) } };
                    }
                }),
            ),
        );
        const exitCode = Math.max(0, ...rows.map((row) => row.exitCode)) as 0 | 1 | 2;
        return {
            stacks: rows,
            summary: { stacks: rows.length, ok: rows.filter((row) => row.exitCode === 0).map((row) => row.stack), failed: rows.filter((row) => row.exitCode === 1).map((row) => row.stack), errors: rows.filter((row) => row.exitCode === 2).map((row) => row.stack), exitCode },
        };
    } finally {
        session.close();
        sts.destroy();
    }
}

/** A table of stack, account, region, drift, mandatory, delivery findings and integrity, then each error. */
export function renderFleet(fleet: FleetVerifyDocument): string {
    const header = ["stack", "account", "region", "drift", "mandatory", "deliveries", "integrity", "result"];
    const rows = fleet.stacks.map((row) => {
        if ("error" in row) {
            return [row.stack, row.account, row.region, "-", "-", "-", "-", "error"];
        }
        const summary = row.document.summary;
        const integrity = "integrity" in row.document ? `${row.document.integrity.findings.length} finding(s)` : "not run";
        return [row.stack, row.account, row.region, String(summary.drift), String(summary.mandatory), String(summary.deliveryFindings), integrity, summary.ok ? "ok" : row.exitCode === 2 ? "vault not read" : "NOT OK"];
    });
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
    const lines = [line(header), ...rows.map(line), ""];
    for (const row of fleet.stacks) {
        if ("error" in row) {
            lines.push(`error in ${row.stack}: ${row.error.message}`);
        } else if (row.document.vault && !row.document.vault.read) {
            lines.push(`vault of ${row.stack} not read: ${row.document.vault.notRead}`);
        }
    }
    const { summary } = fleet;
    lines.push(`${summary.stacks} stacks: ${summary.ok.length} ok, ${summary.failed.length} not ok${summary.failed.length ? ` (${summary.failed.join(", ")})` : ""}, ${summary.errors.length} could not be verified${summary.errors.length ? ` (${summary.errors.join(", ")})` : ""}`);
    return lines.join("\n");
}

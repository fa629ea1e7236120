import type { VerifyDocument } from "../run";
import { renderIntegrity } from "./render";
import type { Credentials } from "./reader";
import { IntegrityResult, IntegrityTarget, ReplicaTarget, validateIntegrity } from "./validate";

const HOUR = 3600 * 1000;

/** The document of `verify --integrity`: verify's, with the integrity result and its findings in the summary. */
export type IntegrityDocument = VerifyDocument & { integrity: IntegrityResult; summary: VerifyDocument["summary"] & { integrityFindings: number } };

/** The default window: from 25 hours ago to 1 hour ago, so the last hour's digests have arrived. */
export function defaultWindow(now: Date = new Date()): { from: Date; to: Date } {
    return { from: new Date(now.getTime() - 25 * HOUR), to: new Date(now.getTime() - HOUR) };
}

/** Where the stack's CloudTrail files are: its audit bucket, and the prefix of its `cloudTrail` marker. */
export function stackTarget(document: Pick<VerifyDocument, "bucket" | "region" | "deliveries">): IntegrityTarget {
    const prefix = document.deliveries.find((delivery) => delivery.service === "cloudTrail")?.prefix ?? "";
    return { bucket: document.bucket, region: document.region, prefix };
}

export interface StackIntegrityOptions {
    from: Date;
    to: Date;
    endpoint?: string;
    credentials?: Credentials;
    concurrency?: number;
    /** The vault, read with its own region and credentials (run.ts's inspection gives it when the vault was read). */
    replica?: ReplicaTarget;
}

/**
 * Validates the stack's trail files and joins the result to its verify document: any integrity finding makes the
 * document not OK (a gap alone does not). With `replica` (the stack's vault, when it was read) every digest and log
 * file found in the audit bucket is validated in the vault too; a copy that differs from its digest is a finding.
 */
export async function verifyStackIntegrity(document: VerifyDocument, options: StackIntegrityOptions): Promise<IntegrityDocument> {
    const integrity = await validateIntegrity({ target: stackTarget(document), from: options.from, to: options.to, endpoint: options.endpoint, credentials: options.credentials, concurrency: options.concurrency, caller: document.caller, replica: options.replica });
    const integrityFindings = integrity.findings.length;
    return { ...document, integrity, summary: { ...document.summary, integrityFindings, ok: document.summary.ok && integrityFindings === 0 } };
}

/** verify's report, then the integrity section. */
export function renderWithIntegrity(report: string, document: IntegrityDocument): string {
    const target = stackTarget(document);
    const section = renderIntegrity(document.integrity, `s3://${target.bucket}/${target.prefix}`);
    const verdict = document.integrity.findings.length === 0 ? "Integrity OK: every digest and log file in the window validates." : `Integrity NOT OK: ${document.integrity.findings.length} finding(s).`;
    return `${report}\n\n${section}\n\n${verdict}`;
}

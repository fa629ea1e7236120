import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { CONFIG_NAMESPACE } from "../../components/config";
import { partitionOf } from "../../components/constants";
import { StackConfigError, listStacks, readProject } from "../stackConfig";

/** One stack as a CI matrix entry: the workflow derives the stack's deploy role from its account and partition. */
export interface StackTarget {
    stack: string;
    account: string;
    region: string;
    partition: string;
    /**
     * The policy config its checks run with, relative to the root: `policy-pack/config.<stack>.json` when it exists
     * (a stack's own policy group), else `policy-pack/config.throwaway.json` for a stack that sets
     * `allowDeletion: true`, else "" (the pack's own levels: every mandatory rule mandatory).
     */
    policyConfig: string;
}

/**
 * Which policy config a stack runs with; see StackTarget.policyConfig. A stack recorded in the stack directory's
 * policy-groups.json (new-stack --from writes it) runs with its group's config, `policy-pack/config.<group>.json`.
 */
export function policyConfigFor(root: string, stack: string, allowDeletion: string | undefined, stackConfigDir?: string): string {
    const own = path.join("policy-pack", `config.${stack}.json`);
    if (fs.existsSync(path.join(root, own))) {
        return own;
    }
    const groups = stackConfigDir ? path.join(stackConfigDir, "policy-groups.json") : undefined;
    const group = groups && fs.existsSync(groups) ? (JSON.parse(fs.readFileSync(groups, "utf8")) as Record<string, unknown>)[stack] : undefined;
    if (typeof group === "string" && fs.existsSync(path.join(root, "policy-pack", `config.${group}.json`))) {
        return path.join("policy-pack", `config.${group}.json`);
    }
    const throwaway = path.join("policy-pack", "config.throwaway.json");
    return allowDeletion === "true" && fs.existsSync(path.join(root, throwaway)) ? throwaway : "";
}

/**
 * The policy config `stack` runs with (see StackTarget.policyConfig), from its stack file as written: the one
 * `npm run -s stacks -- --json` names, which the offline preview and the pull-request workflow both apply. "" when
 * the stack file does not exist (the command reading it says so).
 */
export function stackPolicyConfig(root: string, stack: string, stacksDir?: string): string {
    const { stackConfigDir } = readProject(root, stacksDir);
    const file = path.join(stackConfigDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        return "";
    }
    const config = ((yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> }).config ?? {};
    const allowDeletion = config[`${CONFIG_NAMESPACE}:allowDeletion`];
    return policyConfigFor(root, stack, allowDeletion === undefined ? undefined : String(allowDeletion), stackConfigDir);
}

/**
 * Every stack of the stack directory with the account and region it deploys to: the account from `accountId`, else
 * the one account of `aws:allowedAccountIds`. A stack that names neither is an error (a CI job could not know which
 * account's role to assume), listing every such stack at once.
 */
export function listStackTargets(root: string, stacksDir?: string): StackTarget[] {
    const problems: string[] = [];
    const targets: StackTarget[] = [];
    for (const stack of listStacks(root, stacksDir)) {
        // Read as written, not as the program gets it: a stack may hold secrets, which only the account, region
        // and allowDeletion of a stack need not touch.
        const file = path.join(readProject(root, stacksDir).stackConfigDir, `Pulumi.${stack}.yaml`);
        const config = ((yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> }).config ?? {};
        const allowed = config["aws:allowedAccountIds"];
        const text = (value: unknown): string | undefined => (typeof value === "string" ? value : value === undefined ? undefined : JSON.stringify(value));
        const account = text(config[`${CONFIG_NAMESPACE}:accountId`]) ?? (Array.isArray(allowed) && allowed.length === 1 ? String(allowed[0]) : undefined);
        const region = text(config["aws:region"]);
        if (!account || !/^\d{12}$/.test(account)) {
            problems.push(`stack ${stack}: ${CONFIG_NAMESPACE}:accountId ${JSON.stringify(account)} must be a 12-digit account id (or aws:allowedAccountIds one account)`);
        }
        if (!region) {
            problems.push(`stack ${stack}: aws:region must be set`);
        }
        if (account && region) {
            targets.push({ stack, account, region, partition: partitionOf(region), policyConfig: policyConfigFor(root, stack, text(config[`${CONFIG_NAMESPACE}:allowDeletion`]), readProject(root, stacksDir).stackConfigDir) });
        }
    }
    if (problems.length > 0) {
        throw new StackConfigError(problems.join("\n"));
    }
    return targets;
}

import type { Policies } from "@pulumi/policy";
import { auditLogAccessLogging, auditLogNoncurrentExpiration, auditLogObjectLock } from "./rules/auditLogAdvisories";
import { auditLogDeliveriesConfined } from "./rules/auditLogDeliveriesConfined";
import { auditLogRetention } from "./rules/auditLogRetention";
import { auditLogServiceGrantsScoped } from "./rules/auditLogServiceGrantsScoped";
import { bucketBlocksPublicAccess } from "./rules/bucketBlocksPublicAccess";
import { bucketDeniesInsecureTransport } from "./rules/bucketDeniesInsecureTransport";
import { bucketEncryptionDeclared } from "./rules/bucketEncryptionDeclared";
import { bucketNoForceDestroy } from "./rules/bucketNoForceDestroy";
import { bucketNoPublicAcl } from "./rules/bucketNoPublicAcl";
import { bucketOwnerEnforced } from "./rules/bucketOwnerEnforced";
import { bucketPolicyNoPublicPrincipal } from "./rules/bucketPolicyNoPublicPrincipal";
import { bucketVersioningEnabled } from "./rules/bucketVersioningEnabled";
import { kmsKeyRotationEnabled } from "./rules/kmsKeyRotationEnabled";

/** Every rule of the pack, in the order a reviewer reads them. */
export const policies: Policies = [
    bucketBlocksPublicAccess,
    bucketOwnerEnforced,
    bucketVersioningEnabled,
    bucketEncryptionDeclared,
    bucketDeniesInsecureTransport,
    bucketPolicyNoPublicPrincipal,
    bucketNoPublicAcl,
    bucketNoForceDestroy,
    auditLogRetention,
    auditLogServiceGrantsScoped,
    auditLogDeliveriesConfined,
    auditLogObjectLock,
    auditLogAccessLogging,
    auditLogNoncurrentExpiration,
    kmsKeyRotationEnabled,
];

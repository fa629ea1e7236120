import type { Policies } from "@pulumi/policy";
import { accessPointBlocksPublicAccess } from "./rules/accessPointBlocksPublicAccess";
import { accountBlocksPublicAccess } from "./rules/accountBlocksPublicAccess";
import { auditLogAccessLogsNotSelf } from "./rules/auditLogAccessLogsNotSelf";
import {
    auditLogAbortIncompleteUploads,
    auditLogAccessLogging,
    auditLogEventNotifications,
    auditLogNoncurrentExpiration,
    auditLogObjectLock,
    auditLogReplication,
} from "./rules/auditLogAdvisories";
import { auditLogDeliveriesConfined } from "./rules/auditLogDeliveriesConfined";
import { auditLogKeyCustomerManaged, auditLogKeyDeletionWindow, auditLogKeyEnabled } from "./rules/auditLogKey";
import { auditLogNoCors, auditLogNoWebsite } from "./rules/auditLogNoWebsiteOrCors";
import { auditLogRetention } from "./rules/auditLogRetention";
import { auditLogServiceGrantsScoped } from "./rules/auditLogServiceGrantsScoped";
import { bucketBlocksPublicAccess } from "./rules/bucketBlocksPublicAccess";
import { bucketDeniesInsecureTransport } from "./rules/bucketDeniesInsecureTransport";
import { bucketEncryptionDeclared } from "./rules/bucketEncryptionDeclared";
import { bucketNoForceDestroy } from "./rules/bucketNoForceDestroy";
import { bucketNoPublicAcl } from "./rules/bucketNoPublicAcl";
import { bucketOwnerEnforced } from "./rules/bucketOwnerEnforced";
import { bucketPolicyNoCrossAccountAdmin } from "./rules/bucketPolicyNoCrossAccountAdmin";
import { bucketPolicyNoLockout } from "./rules/bucketPolicyNoLockout";
import { bucketPolicyNoPublicPrincipal } from "./rules/bucketPolicyNoPublicPrincipal";
import { bucketVersioningEnabled } from "./rules/bucketVersioningEnabled";
import { accessLogDeliveryAdmitted, accessLogTargetSseS3 } from "./rules/accessLogDeliveryAdmitted";
import { cloudTrailDeliveryAdmitted } from "./rules/cloudTrailDeliveryAdmitted";
import { configDeliveryAdmitted } from "./rules/configDeliveryAdmitted";
import { bucketPolicyWithinSizeLimit, keyPolicyWithinSizeLimit } from "./rules/policiesWithinSizeLimits";
import { kmsKeyPolicyDefined } from "./rules/kmsKeyPolicyDefined";
import { configDeliveryNoObjectLock } from "./rules/configDeliveryNoObjectLock";
import { replicationRoleAdmitted } from "./rules/replicationRoleAdmitted";
import { auditLogVaultIsolated } from "./rules/auditLogVaultIsolated";
import { kmsKeyNoLockoutBypass, kmsKeyPolicyNoPublicPrincipal, kmsKeyRotationEnabled, kmsKeySingleRegion } from "./rules/kmsKeyRules";
import {
    remediateBucketKey,
    remediateKeyRotation,
    remediateNoForceDestroy,
    remediateOwnerEnforced,
    remediatePublicAccessBlock,
    remediateVersioning,
} from "./rules/remediations";
import { auditLogBlocksSseC } from "./rules/auditLogBlocksSseC";

/** Every rule of the pack, in the order a reviewer reads them. */
export const policies: Policies = [
    bucketBlocksPublicAccess,
    accountBlocksPublicAccess,
    accessPointBlocksPublicAccess,
    bucketOwnerEnforced,
    bucketVersioningEnabled,
    bucketEncryptionDeclared,
    bucketDeniesInsecureTransport,
    bucketPolicyNoPublicPrincipal,
    bucketPolicyNoCrossAccountAdmin,
    bucketPolicyNoLockout,
    bucketNoPublicAcl,
    bucketNoForceDestroy,
    kmsKeyRotationEnabled,
    kmsKeyPolicyNoPublicPrincipal,
    kmsKeyNoLockoutBypass,
    auditLogRetention,
    auditLogServiceGrantsScoped,
    auditLogDeliveriesConfined,
    auditLogNoWebsite,
    auditLogNoCors,
    auditLogAccessLogsNotSelf,
    auditLogKeyEnabled,
    auditLogObjectLock,
    auditLogAccessLogging,
    auditLogNoncurrentExpiration,
    auditLogAbortIncompleteUploads,
    auditLogReplication,
    auditLogEventNotifications,
    auditLogKeyDeletionWindow,
    auditLogKeyCustomerManaged,
    kmsKeySingleRegion,
    kmsKeyPolicyDefined,
    remediatePublicAccessBlock,
    remediateOwnerEnforced,
    remediateVersioning,
    remediateBucketKey,
    remediateNoForceDestroy,
    remediateKeyRotation,
    auditLogBlocksSseC,
    cloudTrailDeliveryAdmitted,
    configDeliveryAdmitted,
    accessLogDeliveryAdmitted,
    accessLogTargetSseS3,
    bucketPolicyWithinSizeLimit,
    keyPolicyWithinSizeLimit,
    configDeliveryNoObjectLock,
    replicationRoleAdmitted,
    auditLogVaultIsolated,
];

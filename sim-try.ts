import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { planStack } from "./tools/offline/plan";
(async () => {
  const plan = await planStack({ stack: "prod" });
  const policy = JSON.parse(plan.outputs.bucketPolicy as string);
  const keyPolicy = JSON.parse(plan.outputs.keyPolicy as string);
  const B = plan.outputs.bucketName;
  const r = await runSimulation({
    request: { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: { resource: `arn:aws:s3:::${B}/cloudtrail-logs/AWSLogs/222222222222/x.json.gz`, accountId: "222222222222" },
      contextVariables: { "aws:SecureTransport": "true", "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail", "s3:TlsVersion": "1.3", "aws:SourceAccount": "222222222222" } },
    identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: policy }, {});
  console.log(JSON.stringify(r, null, 1).slice(0, 3000));
  const k = await runSimulation({
    request: { principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", resource: { resource: plan.outputs.kmsKeyArn as string, accountId: "222222222222" },
      contextVariables: { "aws:SecureTransport": "true", "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:us-east-1:222222222222:trail/other", "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail" } },
    identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: keyPolicy }, {});
  console.log(k.resultType, (k as any).overallResult, (k as any).result?.ignoredContextKeys);
  const u = runUnsafeSimulation({
    request: { principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", resource: { resource: plan.outputs.kmsKeyArn as string, accountId: "222222222222" },
      contextVariables: { "aws:SecureTransport": "true", "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:us-east-1:222222222222:trail/other", "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail" } },
    identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: keyPolicy }, {});
  console.log(JSON.stringify(u).slice(0, 1500));
})();

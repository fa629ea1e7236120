/** The package's root: the repository in a checkout, node_modules/audit-log-bucket when installed. */
export declare const PACKAGE_ROOT: string;
export declare function findPackageRoot(from: string): string;

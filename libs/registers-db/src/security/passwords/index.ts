export * from './password-hash-policy';
export * from './password-policy.store';
export * from './is-password-hash';
export * from './passwords';

export * from './registers-exception.filter';
export * from './registry-error-body';
export * from './registry-error-http-status';

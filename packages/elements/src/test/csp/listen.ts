/**
 * Loaded first on the strict-CSP page: records every `securitypolicyviolation` from the start,
 * before any element module runs.
 */
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
  );
});
(window as any).cspViolations = violations;

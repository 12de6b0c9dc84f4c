/**
 * The dependency direction of STYLE.md §2, checked on every lint. Tests, evals and scripts may import
 * anything; production code never imports them.
 */
const prod = "^(config|domain|lib|db|integrations|channels|agent|tools|workflows|prompts|server)/";
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: { path: prod }, to: { circular: true } },
    { name: "domain-is-pure", severity: "error", from: { path: "^domain/" }, to: { path: "^(config|lib|db|integrations|channels|agent|tools|workflows|prompts|server)/" } },
    { name: "domain-no-io-packages", severity: "error", from: { path: "^domain/" }, to: { dependencyTypes: ["npm"], pathNot: "node_modules/(zod|luxon)/" } },
    { name: "config-lib-only-domain", severity: "error", from: { path: "^(config|lib)/" }, to: { path: "^(db|integrations|channels|agent|tools|workflows|prompts|server)/" } },
    { name: "adapters-below-app", severity: "error", from: { path: "^(db|integrations|channels)/" }, to: { path: "^(agent|tools|workflows|server|prompts)/" } },
    { name: "tools-below-workflows", severity: "error", from: { path: "^tools/" }, to: { path: "^(agent|workflows|server)/" } },
    { name: "workflows-below-agent", severity: "error", from: { path: "^workflows/" }, to: { path: "^(agent|server)/" } },
    { name: "agent-below-server", severity: "error", from: { path: "^agent/" }, to: { path: "^server/" } },
    { name: "prod-never-imports-tests", severity: "error", from: { path: prod, pathNot: "\\.test\\.ts$" }, to: { path: "^(test|evals|scripts)/" } },
    { name: "only-server-imports-hono", severity: "error", from: { path: prod, pathNot: "^server/" }, to: { path: "node_modules/(hono|@hono)/" } },
    { name: "only-db-imports-pg", severity: "error", from: { path: prod, pathNot: "^db/" }, to: { path: "node_modules/(pg|@electric-sql/pglite[^/]*|pg-boss)/" } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(\\.test\\.ts$|/fake/|node_modules)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};

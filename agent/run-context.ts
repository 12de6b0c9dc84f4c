import { CallbackManager } from "@langchain/core/callbacks/manager";
import type { RunnableConfig } from "@langchain/core/runnables";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";

/*
 * Why this exists: @langchain/core runs every runnable step inside `runWithConfig`, which, when no LangSmith
 * tracer is attached, still builds a throw-away `RunTree` (tracingEnabled: false) only to carry the step's
 * config in AsyncLocalStorage. A turn of our 4-step graph makes ~27 such calls; each RunTree draws a UUIDv7
 * from WebCrypto, formats dates and reads a dozen environment variables. Measured on the 2-core bench machine:
 * 3.0 ms of LangGraph runtime per turn with empty nodes, 2.0 ms with this installed — about a tenth of a
 * real turn's CPU.
 *
 * What it changes: only that untraced branch. The config is stored in the same slot (`extra[lc:child_config]`)
 * with the same context variables, so `getConfig()` in a node and LangGraph's own reads behave as before.
 * When a tracer is attached (LangSmith configured), the library's own code runs unchanged.
 */

const CHILD_CONFIG_KEY = Symbol.for("lc:child_config");
const CONTEXT_VARIABLES_KEY = Symbol.for("lc:context_variables");

type Store = Record<PropertyKey, unknown> | undefined;

let installed = false;

/** Installs the lighter untraced run context once per process; later calls do nothing. */
export function installLightRunContext(): void {
  if (installed) return;
  installed = true;
  const provider = AsyncLocalStorageProviderSingleton;
  const original = provider.runWithConfig.bind(provider);
  provider.runWithConfig = <T>(config: RunnableConfig | undefined, callback: () => T, avoidCreatingRootRunTree?: boolean): T => {
    const callbacks = CallbackManager._configureSync(config?.callbacks, undefined, config?.tags, undefined, config?.metadata);
    if (callbacks?.handlers.some((h) => h.name === "langchain_tracer")) return original(config, callback, avoidCreatingRootRunTree);
    const storage = provider.getInstance();
    const previous = storage.getStore() as Store;
    let store: Store = avoidCreatingRootRunTree ? undefined : { extra: { [CHILD_CONFIG_KEY]: config } };
    if (previous?.[CONTEXT_VARIABLES_KEY] !== undefined) store = { ...store, [CONTEXT_VARIABLES_KEY]: previous[CONTEXT_VARIABLES_KEY] };
    return storage.run(store, callback);
  };
}

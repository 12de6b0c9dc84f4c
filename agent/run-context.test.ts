import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { getContextVariable, setContextVariable } from "@langchain/core/context";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { Annotation, END, MemorySaver, START, StateGraph, getConfig } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { installLightRunContext } from "./run-context.js";

installLightRunContext();

const State = Annotation.Root({ seen: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }) });

/** A two-node graph whose nodes report what they can read from the ambient run context. */
function probeGraph() {
  const probe = (name: string) => () => {
    const store = AsyncLocalStorageProviderSingleton.getInstance().getStore() as object | undefined;
    return {
      seen: [`${name}:${String(getConfig().configurable?.thread_id)}:${String(getContextVariable("tenant"))}:${store?.constructor.name ?? "none"}`],
    };
  };
  return new StateGraph(State).addNode("first", probe("first")).addNode("second", probe("second"))
    .addEdge(START, "first").addEdge("first", "second").addEdge("second", END)
    .compile({ checkpointer: new MemorySaver() });
}

class FakeTracer extends BaseCallbackHandler {
  name = "langchain_tracer";
}

describe("installLightRunContext", () => {
  it("keeps each node's config and the caller's context variables readable, without building RunTrees", async () => {
    setContextVariable("tenant", "agency-1");
    const out = await probeGraph().invoke({ seen: [] }, { configurable: { thread_id: "phone:+13035550100" } });
    expect(out.seen).toEqual(["first:phone:+13035550100:agency-1:Object", "second:phone:+13035550100:agency-1:Object"]);
  });

  it("is idempotent", () => {
    const current = AsyncLocalStorageProviderSingleton.runWithConfig;
    installLightRunContext();
    expect(AsyncLocalStorageProviderSingleton.runWithConfig).toBe(current);
  });

  it("leaves the library's own path in place when a LangSmith tracer is attached", () => {
    const store = AsyncLocalStorageProviderSingleton.runWithConfig({ callbacks: [new FakeTracer()] }, () =>
      AsyncLocalStorageProviderSingleton.getInstance().getStore() as object);
    expect(store.constructor.name).toBe("RunTree");
  });

  it("stores no config for a step that asks for no root run, as the library does", () => {
    const store = AsyncLocalStorageProviderSingleton.runWithConfig({ tags: ["x"] }, () =>
      AsyncLocalStorageProviderSingleton.getInstance().getStore() as { extra?: unknown } | undefined, true);
    expect(store?.extra).toBeUndefined();
  });
});

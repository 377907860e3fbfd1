import { describe, expect, it, vi } from "vitest";
import { throttle, watchActivity } from "./activity";

describe("throttle", () => {
  it("passes the first call and then one per interval", () => {
    let t = 1_000;
    const fn = vi.fn();
    const throttled = throttle(fn, 20_000, () => t);
    throttled();
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    t += 19_999;
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    t += 1;
    throttled();
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe("watchActivity", () => {
  it("reports keys, pointer presses and wheel turns, throttled, until stopped", () => {
    let t = 0;
    const report = vi.fn();
    const target = new EventTarget();
    const stop = watchActivity(target, report, 20_000, () => t);
    target.dispatchEvent(new Event("keydown"));
    target.dispatchEvent(new Event("pointerdown"));
    expect(report).toHaveBeenCalledTimes(1);
    t = 20_000;
    target.dispatchEvent(new Event("wheel"));
    expect(report).toHaveBeenCalledTimes(2);
    t = 40_000;
    target.dispatchEvent(new Event("mousemove"));
    expect(report).toHaveBeenCalledTimes(2);
    stop();
    t = 100_000;
    target.dispatchEvent(new Event("keydown"));
    expect(report).toHaveBeenCalledTimes(2);
  });
});

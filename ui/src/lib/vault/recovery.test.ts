import { describe, expect, it } from "vitest";
import { layoutSecret } from "./recovery";

describe("layoutSecret", () => {
  it("puts the age prefix alone and groups the rest in fives", () => {
    const body = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KHCE";
    expect(body).toHaveLength(58);
    const layout = layoutSecret(`AGE-SECRET-KEY-1${body}`);
    expect(layout.prefix).toBe("AGE-SECRET-KEY-1");
    expect(layout.groups).toHaveLength(12);
    expect(layout.groups[0]).toBe("QPZRY");
    expect(layout.groups[11]).toBe("HCE");
    expect((layout.prefix ?? "") + layout.groups.join("")).toBe(`AGE-SECRET-KEY-1${body}`);
  });

  it("groups any other text in fives, losing nothing", () => {
    expect(layoutSecret("abcdefghijk")).toEqual({ prefix: null, groups: ["abcde", "fghij", "k"] });
    expect(layoutSecret("")).toEqual({ prefix: null, groups: [] });
  });
});

import { describe, expect, it } from "vitest";
import {
  fileName,
  formatDate,
  todayInLondon,
  formatDateTime,
  formatDay,
  formatDaysIn,
  formatNumericDate,
  minutes,
} from "./format";

describe("formatDateTime", () => {
  it("writes a winter UTC time as London time (GMT)", () => {
    expect(formatDateTime("2026-11-25T14:05:00Z")).toBe("25 Nov 2026, 14:05");
  });

  it("moves a summer UTC time to British Summer Time", () => {
    expect(formatDateTime("2026-07-01T08:30:00Z")).toBe("1 Jul 2026, 09:30");
  });

  it("honours an offset in the input", () => {
    expect(formatDateTime("2026-11-25T15:05:00+01:00")).toBe("25 Nov 2026, 14:05");
  });

  it("uses a 24-hour clock with midnight as 00", () => {
    expect(formatDateTime("2026-01-05T00:07:00Z")).toBe("5 Jan 2026, 00:07");
    expect(formatDateTime("2026-01-05T23:59:59Z")).toBe("5 Jan 2026, 23:59");
  });

  it("crosses the date line into the next London day in summer", () => {
    expect(formatDateTime("2026-06-30T23:30:00Z")).toBe("1 Jul 2026, 00:30");
  });

  it("writes September as Sep", () => {
    expect(formatDateTime("2026-09-10T10:00:00Z")).toBe("10 Sep 2026, 11:00");
  });

  it("accepts fractional seconds", () => {
    expect(formatDateTime("2026-11-25T14:05:59.123456Z")).toBe("25 Nov 2026, 14:05");
  });

  it("returns anything that is not RFC 3339 unchanged", () => {
    expect(formatDateTime("")).toBe("");
    expect(formatDateTime("yesterday")).toBe("yesterday");
    expect(formatDateTime("2026-11-25")).toBe("2026-11-25");
    expect(formatDateTime("2026-11-25T14:05:00")).toBe("2026-11-25T14:05:00");
  });
});

describe("formatDate and formatNumericDate", () => {
  it("write the London date", () => {
    expect(formatDate("2026-11-25T14:05:00Z")).toBe("25 Nov 2026");
    expect(formatNumericDate("2026-11-25T14:05:00Z")).toBe("25/11/2026");
    expect(formatNumericDate("2026-03-29T23:30:00Z")).toBe("30/03/2026");
  });
});

describe("small helpers", () => {
  it("say minutes in the singular and plural", () => {
    expect(minutes(1)).toBe("1 minute");
    expect(minutes(5)).toBe("5 minutes");
  });

  it("take the file name from a path", () => {
    expect(fileName("/home/chair/Tasking/tasking.tvault")).toBe("tasking.tvault");
    expect(fileName("C:\\Users\\chair\\tasking.tvault")).toBe("tasking.tvault");
    expect(fileName("tasking.tvault")).toBe("tasking.tvault");
  });
});

describe("formatDay", () => {
  it("writes a stored date the British way", () => {
    expect(formatDay("2026-11-25")).toBe("25 Nov 2026");
    expect(formatDay("2026-09-01")).toBe("1 Sep 2026");
  });

  it("adds the weekday when asked", () => {
    expect(formatDay("2026-11-25", { weekday: true })).toBe("Wed 25 Nov 2026");
  });

  it("leaves anything else alone", () => {
    expect(formatDay("25/11/2026")).toBe("25/11/2026");
    expect(formatDay("2026-13-01")).toBe("2026-13-01");
  });

  it("rewrites the dates inside a line of context", () => {
    expect(formatDaysIn("Northbrook · 2026-06-01 10:00")).toBe("Northbrook · 1 Jun 2026 10:00");
  });
});

describe("today in London", () => {
  it("is London's date, not UTC's, in summer time", () => {
    expect(todayInLondon(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(todayInLondon(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

import { describe, expect, it } from "vitest";
import { addDays, dateProblem, normalised, parseBritishDate, parseTime, timeProblem, toBritishDate } from "./dates";

describe("dates typed the British way", () => {
  it.each([
    ["2/12/2026", "2026-12-02"],
    ["02/12/2026", "2026-12-02"],
    [" 02-12-2026 ", "2026-12-02"],
    ["2.12.26", "2026-12-02"],
    ["2 12 2026", "2026-12-02"],
    ["02122026", "2026-12-02"],
    ["2 Dec 2026", "2026-12-02"],
    ["2nd December 2026", "2026-12-02"],
    ["30 Sept 2026", "2026-09-30"],
    ["2026-12-02", "2026-12-02"],
    ["29/02/2028", "2028-02-29"],
  ])("reads %j day first as %s", (text, iso) => {
    expect(parseBritishDate(text)).toBe(iso);
  });

  it.each(["", "12/31/2026", "29/02/2026", "31/11/2026", "0/1/2026", "1/13/2026", "2 Decamber 2026", "2/12", "tomorrow", "2 De 2026", "1/1/1800"])(
    "refuses %j",
    (text) => {
      expect(parseBritishDate(text)).toBeNull();
    },
  );

  it("writes dates back day first", () => {
    expect(toBritishDate("2026-12-02")).toBe("02/12/2026");
    expect(toBritishDate("not a date")).toBe("not a date");
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-12-02", -7)).toBe("2026-11-25");
  });
});

describe("times on the 24-hour clock", () => {
  it.each([
    ["10:00", "10:00"],
    ["9:30", "09:30"],
    ["09.30", "09:30"],
    ["930", "09:30"],
    ["1400", "14:00"],
    ["14h05", "14:05"],
    ["10", "10:00"],
    ["0", "00:00"],
    ["23:59", "23:59"],
  ])("reads %j as %s", (text, time) => {
    expect(parseTime(text)).toBe(time);
  });

  it.each(["", "24:00", "10:60", "2pm", "10:5", "12345", "ten"])("refuses %j", (text) => {
    expect(parseTime(text)).toBeNull();
  });
});

describe("what a field holds and how a form refuses it", () => {
  it("holds the normal form, blank, or the text itself", () => {
    expect(normalised("2/12/2026", parseBritishDate)).toBe("2026-12-02");
    expect(normalised("  ", parseBritishDate)).toBe("");
    expect(normalised("31/11/2026", parseBritishDate)).toBe("31/11/2026");
  });

  it("names the field and says what to write", () => {
    expect(dateProblem("Due date", "")).toBeNull();
    expect(dateProblem("Due date", "2026-12-02")).toBeNull();
    expect(dateProblem("Due date", "31/11/2026")).toBe(
      "Due date: write it as day/month/year, for example 02/12/2026, with a day that exists in that month.",
    );
    expect(timeProblem("Left at", "10:30")).toBeNull();
    expect(timeProblem("Left at", "25:00")).toBe("Left at: write it on the 24-hour clock, for example 09:30 or 14:00.");
  });
});

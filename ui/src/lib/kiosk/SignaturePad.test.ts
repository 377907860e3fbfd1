import { tick } from "svelte";
import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import SignaturePad, { strokePath } from "./SignaturePad.svelte";

const BOX = { left: 0, top: 0, width: 250, height: 100 };

function setup(limits = { width: 1000, height: 400, max_strokes: 3, max_points: 5 }) {
  const rendered = render(SignaturePad, { props: { limits, label: "Signature box" } });
  const pad = screen.getByTestId("kiosk-pad");
  vi.spyOn(pad, "getBoundingClientRect").mockReturnValue({
    ...BOX,
    x: 0,
    y: 0,
    right: BOX.width,
    bottom: BOX.height,
    toJSON: () => BOX,
  } as DOMRect);
  return { pad, ...rendered };
}

const paths = (pad: HTMLElement) => pad.querySelectorAll(".ink path").length;

describe("the signature pad", () => {
  it("stops taking points at the most points Rust allows, and says so", () => {
    const { pad } = setup();
    fireEvent.pointerDown(pad, { pointerId: 7, pointerType: "touch", clientX: 10, clientY: 10 });
    for (let i = 1; i <= 8; i++) {
      fireEvent.pointerMove(pad, { pointerId: 7, pointerType: "touch", clientX: 10 + i * 5, clientY: 10 });
    }
    fireEvent.pointerUp(pad, { pointerId: 7, pointerType: "touch" });
    expect(screen.getByTestId("kiosk-pad-full")).toHaveTextContent("The box is full");
    expect(paths(pad)).toBe(1);
    // No new stroke either.
    fireEvent.pointerDown(pad, { pointerId: 8, pointerType: "touch", clientX: 50, clientY: 50 });
    fireEvent.pointerUp(pad, { pointerId: 8, pointerType: "touch" });
    expect(paths(pad)).toBe(1);
  });

  it("ignores the mouse's other buttons, and clear() empties it", async () => {
    const { pad, component } = setup();
    fireEvent.pointerDown(pad, { pointerId: 1, pointerType: "mouse", button: 2, clientX: 10, clientY: 10 });
    fireEvent.pointerUp(pad, { pointerId: 1, pointerType: "mouse", button: 2 });
    expect(paths(pad)).toBe(0);
    fireEvent.pointerDown(pad, { pointerId: 1, pointerType: "mouse", button: 0, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(pad, { pointerId: 1, pointerType: "mouse", clientX: 60, clientY: 40 });
    fireEvent.pointerUp(pad, { pointerId: 1, pointerType: "mouse" });
    expect(paths(pad)).toBe(1);
    component.clear();
    await tick();
    expect(paths(pad)).toBe(0);
  });

  it("draws a smoothed outline from the recorded numbers only", () => {
    const d = strokePath(
      [
        [10, 10, 0],
        [50, 40, 16],
        [90, 20, 33],
      ],
      true,
    );
    expect(d).toMatch(/^M[\d.]+,[\d.]+ Q/);
    expect(d.endsWith("Z")).toBe(true);
  });
});

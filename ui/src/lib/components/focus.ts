/** Svelte action: focus this element once it is on screen. */
export function focusOnMount(node: HTMLElement): void {
  // After the current update, so a parent's own focus handling runs first.
  queueMicrotask(() => node.focus());
}

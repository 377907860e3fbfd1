/// <reference types="node" />
/**
 * Before any UI test: the real backend must be built. One clear message
 * (which command builds it) instead of every test failing on its own.
 */
import { cliBinary } from "../dev/cli-session";

export default function setup(): void {
  cliBinary();
}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../src/core/commands/command-specs.ts";
import { SLACK_CHANNEL_SCOPES, SLACK_SCOPES_NEEDED } from "../src/core/doctor/run-doctor.ts";
import { SCOPE_OF_METHOD } from "./support/slack-scopes.ts";

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean }; slash_commands: Array<{ command: string; url?: string; usage_hint: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url?: string };
    event_subscriptions: { request_url?: string; bot_events: string[] };
    socket_mode_enabled: boolean;
  };
}

describe("manifest.yml", () => {
  const manifest = parse(readFileSync(join(import.meta.dirname, "..", "manifest.yml"), "utf8")) as Manifest;

  it("declares the command, the home tab, interactivity and the home event, all on /slack/events", () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe(SLASH_COMMAND);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["app_home_opened"]);
    for (const url of [command?.url, manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url]) {
      expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
    }
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("asks for exactly the bot scopes the bot uses", () => {
    const needed = new Set(["commands", ...Object.values(SCOPE_OF_METHOD).flatMap((s) => s ?? [])]);
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
  });

  it("lists the scopes the doctor requires, and the ones it reads the channel with", () => {
    const bot = manifest.oauth_config.scopes.bot;
    for (const scope of [...SLACK_SCOPES_NEEDED, ...Object.values(SLACK_CHANNEL_SCOPES)]) expect(bot).toContain(scope);
    expect(new Set([...SLACK_SCOPES_NEEDED, ...Object.values(SLACK_CHANNEL_SCOPES)])).toEqual(new Set(bot));
  });
});

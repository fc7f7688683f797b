/**
 * Which bot scopes each Slack Web API method the bot calls needs (null: none; several: one per kind of
 * conversation, as conversations.info asks channels:read for public channels and groups:read for private ones).
 * manifest.yml must match.
 */
export const SCOPE_OF_METHOD: Record<string, string | string[] | null> = {
  "users.info": "users:read",
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.getPermalink": null,
  "views.publish": null,
  "auth.test": null,
  // The doctor's check of NOTIFY_CHANNEL's membership.
  "conversations.info": ["channels:read", "groups:read"],
};

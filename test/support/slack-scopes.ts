/** Which bot scope each Slack Web API method the bot calls needs (null: none). manifest.yml must match. */
export const SCOPE_OF_METHOD: Record<string, string | null> = {
  "users.info": "users:read",
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.getPermalink": null,
  "views.publish": null,
  "auth.test": null,
};

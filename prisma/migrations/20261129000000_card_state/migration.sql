-- The state an operation's card last showed: a card left behind by a crash or a Slack failure is re-rendered.
ALTER TABLE "operations" ADD COLUMN "card_state" "OperationState";

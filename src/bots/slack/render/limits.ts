/** Slack's Block Kit limits (docs.slack.dev, Block Kit reference); a message over any is refused. */
export const slackLimits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** The notification text; Slack allows 40,000 but only the first line or so is ever shown. */
  fallbackText: 300,
} as const;

/** Code or tables longer than this (escaped, in one section) go to a file with a preview. */
export const inlineCodeLimit = slackLimits.sectionText - 20;
/** How much of a long output the message shows above the attached file. */
export const previewChars = 1200;
export const previewLines = 15;

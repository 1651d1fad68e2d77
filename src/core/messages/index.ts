export * from './core-message.js';
export { block, errorMessage, message, textMessage } from './build.js';
export { renderPlainText, renderPlainTextAll, renderTable } from './render-plain-text.js';

// The media module's alt-text check, through one import so that the door it comes from is named once.
export { imagesMissingAlt } from '../../media/index.js';

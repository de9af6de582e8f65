/**
 * The English messages of `<totp-manage>`, and the shape its other catalogues follow. They ship
 * with the element, so a page that only signs in never downloads them. The sign-in catalogue
 * still supplies the shared texts (error messages, "Verify", "Cancel").
 */
import type { Message } from '../../messages/en.js';

export const enManage = {
  manageTitle: 'Two-factor authentication',
  manageLoading: 'Loading your security settings…',
  manageUnsupported: 'Your sign-in provider does not let you change these settings here.',
  factorsTitle: 'Authenticator apps',
  factorsIntro: 'Any of these apps can give the code at sign-in.',
  factorAdded: 'Added {date}',
  factorLastUsed: 'Last used {date}',
  factorNeverUsed: 'Not used to sign in yet',
  factorRename: 'Rename',
  factorRemove: 'Remove',
  factorReplace: 'I have a new phone',
  factorOnlyOne: 'This is your only authenticator app, so it cannot be removed. Add another one first.',
  factorAdd: 'Add an authenticator app',
  nameLabel: 'Name',
  nameHint: 'A name that tells you which device this is, e.g. “Work phone”.',
  nameMissing: 'Enter a name.',
  defaultFactorName: 'Authenticator {number}',
  save: 'Save',
  renameTitle: 'Rename an authenticator app',
  renamed: 'Renamed to “{name}”.',
  removeTitle: 'Remove {name}?',
  removeIntro: 'Codes from this app will no longer work for this account. Devices that skip the code are forgotten.',
  removeConfirm: 'Remove',
  removed: '“{name}” was removed.',
  addTitle: 'Add an authenticator app',
  replaceTitle: 'Replace {name}',
  replaceIntro: 'Set up the new phone first. “{name}” is removed once the new one works.',
  addStart: 'Continue',
  addScan: 'Scan this QR code with the new authenticator app, then enter the code it shows.',
  addKey: 'Or enter this key by hand:',
  added: '“{name}” was added.',
  replaced: '“{name}” replaced the old authenticator app.',
  stepUpTitle: 'Confirm it is you',
  stepUpIntro: 'Enter a current code from one of your authenticator apps to make this change.',
  codesTitle: 'Recovery codes',
  codesLeft: ({ count }) => (Number(count) === 1 ? '1 recovery code left.' : `${String(count)} recovery codes left.`),
  codesNone: 'You have no recovery codes.',
  codesFew: 'Only a few recovery codes are left. Get new ones so you can still sign in without your phone.',
  codesRegenerate: 'Get new recovery codes',
  regenerateTitle: 'Get new recovery codes',
  regenerateIntro: 'Your old recovery codes stop working. Enter a current code from your authenticator app.',
  regenerate: 'Get new codes',
  devicesTitle: 'Remembered devices',
  devicesIntro: 'These browsers do not ask for a code for up to {days} days.',
  devicesNone: 'No device is remembered: a code is asked at every sign-in.',
  deviceUntil: 'Until {date}',
  deviceCurrent: 'This device',
  deviceRevoke: 'Forget',
  deviceRevoked: 'The device was forgotten.',
  signOutOthers: 'Sign out other devices',
  signOutOthersDone: 'Other devices must enter a code again.',
  errorTotpRequired: 'Enter a code from your authenticator app to change these settings.',
  errorStepUpRequired: 'Enter a current code from your authenticator app first.',
  errorLastFactor: 'This is your only authenticator app, so it cannot be removed. Add another one first.',
  errorUnknownId: 'This item no longer exists. The list has been updated.',
} satisfies Record<string, Message>;

/** A key of the `<totp-manage>` catalogue. */
export type ManageMessageKey = keyof typeof enManage;

/** A complete `<totp-manage>` catalogue. */
export type ManageMessages = Record<ManageMessageKey, Message>;

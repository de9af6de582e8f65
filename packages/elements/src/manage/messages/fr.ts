/** French `<totp-manage>` catalogue ("vous"). Loaded on demand by `lang="fr"`. */
import type { ManageMessages } from './en.js';

export const frManage: ManageMessages = {
  manageTitle: 'Authentification à deux facteurs',
  manageLoading: 'Chargement de vos paramètres de sécurité…',
  manageUnsupported: 'Votre service de connexion ne permet pas de modifier ces paramètres ici.',
  factorsTitle: "Applications d'authentification",
  factorsIntro: 'Chacune de ces applications peut fournir le code à la connexion.',
  factorAdded: 'Ajoutée le {date}',
  factorLastUsed: 'Dernière utilisation le {date}',
  factorNeverUsed: 'Pas encore utilisée pour se connecter',
  factorRename: 'Renommer',
  factorRemove: 'Supprimer',
  factorReplace: "J'ai un nouveau téléphone",
  factorOnlyOne:
    "C'est votre seule application d'authentification\u00a0: elle ne peut pas être supprimée. Ajoutez-en d'abord une autre.",
  factorAdd: "Ajouter une application d'authentification",
  nameLabel: 'Nom',
  nameHint: "Un nom qui vous indique de quel appareil il s'agit, par exemple «\u00a0Téléphone pro\u00a0».",
  nameMissing: 'Saisissez un nom.',
  defaultFactorName: 'Authentificateur {number}',
  save: 'Enregistrer',
  renameTitle: "Renommer une application d'authentification",
  renamed: 'Renommée en «\u00a0{name}\u00a0».',
  removeTitle: 'Supprimer {name}\u00a0?',
  removeIntro:
    'Les codes de cette application ne fonctionneront plus pour ce compte. Les appareils qui évitent le code sont oubliés.',
  removeConfirm: 'Supprimer',
  removed: '«\u00a0{name}\u00a0» a été supprimée.',
  addTitle: "Ajouter une application d'authentification",
  replaceTitle: 'Remplacer {name}',
  replaceIntro:
    "Configurez d'abord le nouveau téléphone. «\u00a0{name}\u00a0» sera supprimée dès que le nouveau fonctionnera.",
  addStart: 'Continuer',
  addScan:
    "Scannez ce code QR avec la nouvelle application d'authentification, puis saisissez le code qu'elle affiche.",
  addKey: 'Ou saisissez cette clé à la main\u00a0:',
  added: '«\u00a0{name}\u00a0» a été ajoutée.',
  replaced: "«\u00a0{name}\u00a0» a remplacé l'ancienne application d'authentification.",
  stepUpTitle: "Confirmez qu'il s'agit bien de vous",
  stepUpIntro: "Saisissez un code actuel de l'une de vos applications d'authentification pour effectuer ce changement.",
  codesTitle: 'Codes de récupération',
  codesLeft: ({ count }) =>
    Number(count) <= 1
      ? `Il reste ${String(count)} code de récupération.`
      : `Il reste ${String(count)} codes de récupération.`,
  codesNone: "Vous n'avez aucun code de récupération.",
  codesFew:
    'Il ne reste que quelques codes de récupération. Obtenez-en de nouveaux pour pouvoir vous connecter sans votre téléphone.',
  codesRegenerate: 'Obtenir de nouveaux codes de récupération',
  regenerateTitle: 'Obtenir de nouveaux codes de récupération',
  regenerateIntro:
    "Vos anciens codes de récupération cesseront de fonctionner. Saisissez un code actuel de votre application d'authentification.",
  regenerate: 'Obtenir de nouveaux codes',
  devicesTitle: 'Appareils mémorisés',
  devicesIntro: 'Ces navigateurs ne demandent pas de code pendant {days} jours au plus.',
  devicesNone: "Aucun appareil n'est mémorisé\u00a0: un code est demandé à chaque connexion.",
  deviceUntil: "Jusqu'au {date}",
  deviceCurrent: 'Cet appareil',
  deviceRevoke: 'Oublier',
  deviceRevoked: "L'appareil a été oublié.",
  signOutOthers: 'Déconnecter les autres appareils',
  signOutOthersDone: 'Les autres appareils devront saisir un code à nouveau.',
  errorTotpRequired: "Saisissez un code de votre application d'authentification pour modifier ces paramètres.",
  errorStepUpRequired: "Saisissez d'abord un code actuel de votre application d'authentification.",
  errorLastFactor:
    "C'est votre seule application d'authentification\u00a0: elle ne peut pas être supprimée. Ajoutez-en d'abord une autre.",
  errorUnknownId: "Cet élément n'existe plus. La liste a été mise à jour.",
};

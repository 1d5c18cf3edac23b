// Corrections and additions to Decap CMS's French locale (3.16.3): typos ("modications",
// "mofications"), blog words ("Nouvel article"), and the 46 keys it lacks (shown in
// English otherwise). CMS.registerLocale('fr', …) replaces a whole locale, so pae-cms.js
// merges these into CMS.getLocale('fr') before CMS.init().
window.PAE_LOCALE_FR = {
  auth: {
    login: 'Se connecter',
    loginWithGitLab: 'Se connecter avec la forge (GitLab)',
    loginWithForgejo: 'Se connecter avec Forgejo',
    errors: {
      identitySettings: "Impossible d'accéder aux paramètres d'identité.",
    },
  },
  app: {
    header: { content: 'Dossiers', workflow: 'Demandes de fusion', media: 'Médias', quickAdd: 'Ajout rapide' },
    app: { checkConfigYml: 'Vérifiez la configuration de la page d’édition.' },
  },
  collection: {
    collectionTop: {
      viewAsList: 'Affichage en liste',
      viewAsGrid: 'Affichage en grille',
      // The stock '＋ %{collectionLabel}' uses a full-width plus that many fonts lack.
      newButton: 'Ajouter : %{collectionLabel}',
    },
    entries: { unpublishedHeader: 'Modifications en attente de fusion' },
  },
  editor: {
    editorControl: { field: { optional: 'facultatif', widgetLabel: 'champ %{widgetLabel}' } },
    editorControlPane: {
      widget: { regexPattern: 'Le champ %{fieldLabel} ne respecte pas le format attendu : %{pattern}.' },
      i18n: {
        copyFromLocale: 'Remplir depuis une autre langue',
        copyFromLocaleConfirm: 'Remplir avec les données en %{locale} ?\nTout le contenu existant sera remplacé.',
      },
    },
    editorInterface: { toggleNotes: 'Afficher les notes' },
    editorNotesPane: {
      title: 'Notes',
      emptyState: 'Aucune note pour le moment. Ajoutez la première ci-dessous.',
      addNote: 'Ajouter une note',
      addPlaceholder: 'Ajouter une note…',
      editPlaceholder: 'Modifier la note…',
      save: 'Enregistrer',
      cancel: 'Annuler',
      edit: 'Modifier',
      delete: 'Supprimer',
      resolve: 'Marquer comme résolue',
      unresolve: 'Rouvrir',
      confirmDelete: 'Voulez-vous vraiment supprimer cette note ?',
      shortcut: 'Astuce : Ctrl+Entrée pour ajouter la note',
    },
    editorToolbar: {
      deleteUnpublishedChanges: 'Supprimer les modifications non publiées',
      status: 'Statut : %{status}',
      backCollection: ' Retour à %{collectionLabel}',
      statusInfoTooltipDraft: 'Brouillon : pour demander une relecture, passez le statut à « En cours de révision ».',
      statusInfoTooltipInReview: 'En cours de révision : rien d’autre à faire. Vous pouvez encore modifier le dossier.',
    },
    editorWidgets: {
      markdown: {
        strikethrough: 'Barré',
        toggleMode: { rich: 'Passer en texte enrichi', markdown: 'Passer en Markdown' },
      },
      image: { chooseMultiple: 'Choisir des images', addMore: "Ajouter d'autres images", removeAll: 'Retirer toutes les images' },
      file: { chooseMultiple: 'Choisir des fichiers', addMore: "Ajouter d'autres fichiers", removeAll: 'Retirer tous les fichiers' },
      datetime: { now: "Aujourd'hui", clear: 'Effacer', setToNow: '%{fieldLabel} : aujourd’hui' },
      object: { expand: 'Déplier', collapse: 'Replier' },
      list: { add: 'Ajouter : %{item}', addType: 'Ajouter : %{item}' },
    },
  },
  mediaLibrary: {
    mediaLibrary: { onDelete: 'Voulez-vous vraiment supprimer la ressource sélectionnée ?' },
    mediaLibraryModal: { close: 'Fermer' },
  },
  ui: {
    errorBoundary: {
      reportIt: "la signaler à l'équipe pae.",
      privacyWarning:
        "Le signalement est prérempli avec le message d'erreur et des données de débogage.\nVérifiez-les et retirez toute donnée personnelle.",
    },
    settingsDropdown: { account: 'Menu du compte' },
    toast: {
      missingRequiredField: 'Il manque un champ obligatoire : renseignez-le avant d’enregistrer.',
      noteAdded: 'Note ajoutée',
      onFailToAddNote: "Échec de l'ajout de la note : %{details}",
      noteUpdated: 'Note modifiée',
      onFailToUpdateNote: 'Échec de la modification de la note : %{details}',
      noteDeleted: 'Note supprimée',
      onFailToDeleteNote: 'Échec de la suppression de la note : %{details}',
      noteResolved: 'Note résolue',
      noteReopened: 'Note rouverte',
      onFailToToggleNote: 'Échec du changement de statut de la note : %{details}',
    },
  },
  workflow: {
    workflow: {
      newPost: 'Nouveau dossier',
      // dayjs inside decap-cms.js has only the English locale: "MMMM D" would print
      // "December 2". A numeric format avoids English month names.
      dateFormat: 'DD/MM/YYYY',
    },
    workflowCard: {
      lastChange: 'le %{date} par %{author}',
      lastChangeNoAuthor: 'le %{date}',
      deleteChanges: 'Supprimer les modifications',
    },
  },
};

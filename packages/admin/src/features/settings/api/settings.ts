import { graphql } from '../../../gql';

export const SettingsDocument = graphql(`
  query Settings {
    settings {
      registrationEmailRequired
      autoCloseDays
      ticketFeeBasisPoints
    }
  }
`);

export const SettingsUpdateDocument = graphql(`
  mutation SettingsUpdate($input: SettingsUpdateInput!) {
    settingsUpdate(input: $input) {
      settings {
        registrationEmailRequired
        autoCloseDays
        ticketFeeBasisPoints
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

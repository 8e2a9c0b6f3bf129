import { graphql } from '../../../gql';

export const RegistrationEmailRequiredDocument = graphql(`
  query RegistrationEmailRequired {
    registrationEmailRequired
  }
`);

export const CustomerRegisterDocument = graphql(`
  mutation CustomerRegister($input: CustomerRegisterInput!) {
    customerRegister(input: $input) {
      user {
        id
        name
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

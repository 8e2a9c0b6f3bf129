import { graphql } from '../../../gql';

/** Current price, stock, terms and shipping of a product in the cart. */
export const CheckoutProductDocument = graphql(`
  query CheckoutProduct($id: ID!) {
    product(id: $id) {
      id
      kind
      status
      title
      terms
      shippingFee
      freeShippingThreshold
      variants {
        id
        name
        price
        stockAvailable
      }
    }
  }
`);

/** K7: the account's phone, to prefill the recipient. */
export const CheckoutViewerDocument = graphql(`
  query CheckoutViewer {
    viewer {
      id
      phone
    }
  }
`);

export const CheckoutCompleteDocument = graphql(`
  mutation CheckoutComplete($input: CheckoutCompleteInput!) {
    checkoutComplete(input: $input) {
      order {
        id
        number
        status
        total
      }
      nextAction {
        redirectUrl
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** B6: which card gateway takes the payment, and TapPay's public app id and key for its browser SDK. */
export const PaymentConfigDocument = graphql(`
  query PaymentConfig {
    paymentConfig {
      gateway
      tappayAppId
      tappayAppKey
      tappayServerType
    }
  }
`);

/** The demo marketplace: shops, their products and the accounts that log in to them. */
export const DEMO_PASSWORD = 'demo-password';

export interface DemoProduct {
  name: string;
  description: string;
  price: number;
  stock: number;
  category: string;
  /** Picture name, drawn by the demo image endpoint. */
  image: string;
}

export interface DemoShop {
  owner: { name: string; email: string };
  staff: { name: string; email: string }[];
  name: string;
  description: string;
  phoneNumber: string;
  isPlatform: boolean;
  products: DemoProduct[];
}

export const DEMO_CUSTOMERS = [
  { name: 'Casey Customer', email: 'customer@demo.shop', phoneNumber: '+1 555 010 4455' },
  { name: 'Jordan Buyer', email: 'customer2@demo.shop', phoneNumber: '+1 555 010 7788' },
  { name: 'Riley Shopper', email: 'customer3@demo.shop', phoneNumber: '+1 555 010 9911' },
];

export const DEMO_SHOPS: DemoShop[] = [
  {
    owner: { name: 'Sam Support', email: 'support@demo.shop' },
    staff: [],
    name: 'Callshop Essentials',
    description: 'Everyday essentials sold and shipped by the marketplace itself.',
    phoneNumber: '+1 555 010 1000',
    isPlatform: true,
    products: [
      {
        name: 'USB-C Charging Cable (2 m)',
        description: 'Braided 100 W USB-C to USB-C cable with e-marker chip.',
        price: 1499,
        stock: 250,
        category: 'Electronics',
        image: 'cable',
      },
      {
        name: 'Recycled Paper Notebook',
        description: 'A5 dotted notebook, 160 pages of 100% recycled paper.',
        price: 899,
        stock: 400,
        category: 'Office',
        image: 'notebook',
      },
      {
        name: 'Insulated Water Bottle',
        description: 'Keeps drinks cold for 24 hours and hot for 12. 750 ml.',
        price: 2499,
        stock: 120,
        category: 'Kitchen',
        image: 'bottle',
      },
      {
        name: 'Wireless Charging Pad',
        description: 'Qi2 15 W charging pad with a non-slip surface.',
        price: 2999,
        stock: 80,
        category: 'Electronics',
        image: 'charger',
      },
    ],
  },
  {
    owner: { name: 'Nora Northwind', email: 'seller@demo.shop' },
    staff: [{ name: 'Theo Staff', email: 'staff@demo.shop' }],
    name: 'Northwind Audio',
    description: 'Headphones, speakers and turntables, tested by ear in our Portland studio.',
    phoneNumber: '+1 555 010 2030',
    isPlatform: false,
    products: [
      {
        name: 'Studio Monitor Headphones',
        description: 'Closed-back, 40 mm drivers, detachable cable. Flat response for mixing.',
        price: 12999,
        stock: 25,
        category: 'Audio',
        image: 'headphones',
      },
      {
        name: 'Bookshelf Speakers (pair)',
        description: 'Two-way passive speakers with 5" woofers and silk dome tweeters.',
        price: 24900,
        stock: 12,
        category: 'Audio',
        image: 'speaker',
      },
      {
        name: 'Belt-Drive Turntable',
        description: 'Manual turntable with a built-in switchable phono preamp.',
        price: 34900,
        stock: 6,
        category: 'Audio',
        image: 'turntable',
      },
      {
        name: 'Portable Bluetooth Speaker',
        description: 'Waterproof, 20-hour battery, pairs two speakers for stereo.',
        price: 7999,
        stock: 40,
        category: 'Audio',
        image: 'portable',
      },
      {
        name: 'Noise-Cancelling Earbuds',
        description: 'Adaptive noise cancelling, 8 hours per charge, wireless case.',
        price: 15900,
        stock: 30,
        category: 'Audio',
        image: 'earbuds',
      },
    ],
  },
  {
    owner: { name: 'Gwen Greenleaf', email: 'garden@demo.shop' },
    staff: [],
    name: 'Greenleaf Home & Garden',
    description: 'Plants, planters and tools for small gardens and big balconies.',
    phoneNumber: '+1 555 010 3344',
    isPlatform: false,
    products: [
      {
        name: 'Ceramic Planter Set',
        description: 'Three glazed planters with drainage holes and bamboo saucers.',
        price: 3999,
        stock: 35,
        category: 'Garden',
        image: 'planter',
      },
      {
        name: 'Monstera Deliciosa',
        description: 'A 60 cm Swiss cheese plant in a 17 cm nursery pot.',
        price: 4500,
        stock: 15,
        category: 'Plants',
        image: 'monstera',
      },
      {
        name: 'Stainless Pruning Shears',
        description: 'Bypass pruners with a sap groove and safety lock.',
        price: 2299,
        stock: 60,
        category: 'Garden',
        image: 'shears',
      },
      {
        name: 'Self-Watering Herb Kit',
        description: 'Grow basil, parsley and thyme on a windowsill; refill every two weeks.',
        price: 3499,
        stock: 50,
        category: 'Plants',
        image: 'herbs',
      },
      {
        name: 'Solar Garden Lights (6)',
        description: 'Warm white stake lights that switch on at dusk.',
        price: 2799,
        stock: 70,
        category: 'Garden',
        image: 'lights',
      },
    ],
  },
];

/** Who talked to whom before the demo starts, so both apps show a history on first start. */
export interface DemoCall {
  customer: string;
  shopOwner: string;
  /** The staff member who answered or placed the call; defaults to the shop's owner. */
  staff?: string;
  product: string;
  type: 'video' | 'audio';
  initiatedBy: 'customer' | 'shop';
  status: 'ended' | 'missed' | 'declined';
  endReason: 'hangup' | 'timeout' | 'declined';
  hoursAgo: number;
  durationSeconds?: number;
}

export const DEMO_CALLS: DemoCall[] = [
  {
    customer: 'customer3@demo.shop',
    shopOwner: 'seller@demo.shop',
    product: 'Noise-Cancelling Earbuds',
    type: 'video',
    initiatedBy: 'customer',
    status: 'ended',
    endReason: 'hangup',
    hoursAgo: 50,
    durationSeconds: 192,
  },
  {
    customer: 'customer3@demo.shop',
    shopOwner: 'seller@demo.shop',
    staff: 'staff@demo.shop',
    product: 'Noise-Cancelling Earbuds',
    type: 'audio',
    initiatedBy: 'shop',
    status: 'ended',
    endReason: 'hangup',
    hoursAgo: 49,
    durationSeconds: 95,
  },
  {
    customer: 'customer3@demo.shop',
    shopOwner: 'seller@demo.shop',
    product: 'Portable Bluetooth Speaker',
    type: 'video',
    initiatedBy: 'customer',
    status: 'missed',
    endReason: 'timeout',
    hoursAgo: 26,
  },
  {
    customer: 'customer3@demo.shop',
    shopOwner: 'garden@demo.shop',
    product: 'Monstera Deliciosa',
    type: 'video',
    initiatedBy: 'customer',
    status: 'ended',
    endReason: 'hangup',
    hoursAgo: 74,
    durationSeconds: 311,
  },
];

export const DEMO_CALLBACKS = [
  {
    customer: 'customer3@demo.shop',
    shopOwner: 'seller@demo.shop',
    product: 'Bookshelf Speakers (pair)',
    note: 'Are these a good fit for a small living room? Weekday evenings are best.',
    preference: 'phone' as const,
    hoursAgo: 20,
  },
];

/** Where the demo customers' orders go. */
export function demoShippingAddress(name: string, phone: string | null) {
  return {
    name,
    line1: '12 Harbour Street',
    line2: null,
    city: 'Springfield',
    postalCode: '12345',
    country: 'US',
    phone,
  };
}

/** Orders placed before the demo starts, so the console's Orders page and My orders are not empty. */
export interface DemoOrder {
  customer: string;
  shopOwner: string;
  items: { product: string; quantity: number }[];
  status: 'placed' | 'confirmed' | 'shipped' | 'delivered';
  hoursAgo: number;
  /** Placed after a connected call between them: assisted by the latest such call before it. */
  assisted?: boolean;
}

export const DEMO_ORDERS: DemoOrder[] = [
  {
    customer: 'customer3@demo.shop',
    shopOwner: 'seller@demo.shop',
    items: [{ product: 'Noise-Cancelling Earbuds', quantity: 1 }],
    status: 'shipped',
    hoursAgo: 47,
    assisted: true,
  },
  {
    customer: 'customer@demo.shop',
    shopOwner: 'garden@demo.shop',
    items: [
      { product: 'Monstera Deliciosa', quantity: 1 },
      { product: 'Self-Watering Herb Kit', quantity: 2 },
    ],
    status: 'placed',
    hoursAgo: 3,
  },
  {
    customer: 'customer2@demo.shop',
    shopOwner: 'seller@demo.shop',
    items: [{ product: 'Bookshelf Speakers (pair)', quantity: 1 }],
    status: 'delivered',
    hoursAgo: 30,
  },
];

/** Words the airline generator builds people, addresses and wallets from (our own lists). */

export const FIRST_NAMES: readonly string[] = [
  'Amara', 'Mateo', 'Priya', 'Kenji', 'Olivia', 'Noah', 'Fatima', 'Diego', 'Hana', 'Liam',
  'Zoe', 'Omar', 'Ingrid', 'Rafael', 'Mei', 'Arjun', 'Chloe', 'Tariq', 'Elena', 'Jonah',
  'Nadia', 'Kwame', 'Sofia', 'Ravi', 'Lucia', 'Theo', 'Aisha', 'Mikhail', 'Grace', 'Yusuf',
  'Camila', 'Ethan', 'Leila', 'Hiro', 'Maya', 'Samuel', 'Ines', 'Darius', 'Freya', 'Andre',
  'Keiko', 'Malik', 'Rosa', 'Felix', 'Anika', 'Gabriel', 'Yara', 'Oscar', 'Nina', 'Julian',
  'Sana', 'Victor', 'Lena', 'Tomas', 'Ada', 'Marcus', 'Iris', 'Kofi', 'Clara', 'Rohan',
  'Beatriz', 'Emil', 'Noor', 'Wesley', 'Talia', 'Ibrahim', 'Paloma', 'Dmitri', 'Harper', 'Luca',
  'Esther', 'Jamal', 'Vivian', 'Arturo', 'June', 'Kai', 'Selma', 'Bruno', 'Alma', 'Reza',
];

export const LAST_NAMES: readonly string[] = [
  'Okafor', 'Castillo', 'Sharma', 'Tanaka', 'Whitfield', 'Moreau', 'Haddad', 'Kowalski', 'Nakamura', 'Delgado',
  'Brennan', 'Lindqvist', 'Petrov', 'Osei', 'Vargas', 'Chandra', 'Fischer', 'Huang', 'Mensah', 'Romero',
  'Sato', 'Gallagher', 'Iyer', 'Novak', 'Bianchi', 'Farouk', 'Park', 'Quinn', 'Rahman', 'Santiago',
  'Thornton', 'Ueda', 'Varga', 'Whitaker', 'Yilmaz', 'Zhou', 'Adeyemi', 'Bergstrom', 'Cruz', 'Dubois',
  'Espinoza', 'Hollis', 'Jensen', 'Kapoor', 'Larsen', 'Mwangi', 'Pereira', 'Reyes', 'Sorensen', 'Takahashi',
  'Vasquez', 'Wu', 'Ortega', 'Lowell', 'Ferreira', 'Kim', 'Ansari', 'Bauer', 'Holloway', 'Achebe',
];

export const STREET_NAMES: readonly string[] = [
  'Maple', 'Juniper', 'Harbor', 'Willow', 'Granite', 'Lakeview', 'Orchard', 'Cypress', 'Riverbend', 'Magnolia',
  'Aspen', 'Foxglove', 'Beacon', 'Meadowlark', 'Sycamore', 'Ridgecrest', 'Hawthorne', 'Bluebonnet', 'Prairie', 'Timber',
  'Copper', 'Linden', 'Summit', 'Birchwood', 'Clearwater',
];

export const STREET_SUFFIXES: readonly string[] = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Way', 'Boulevard', 'Place', 'Terrace'];

/** Where users live: real US cities with the first three digits of one of their ZIP codes. */
export interface HomeCity {
  city: string;
  state: string;
  zipPrefix: string;
}

export const HOME_CITIES: readonly HomeCity[] = [
  { city: 'Atlanta', state: 'GA', zipPrefix: '303' },
  { city: 'Austin', state: 'TX', zipPrefix: '787' },
  { city: 'Nashville', state: 'TN', zipPrefix: '372' },
  { city: 'Boston', state: 'MA', zipPrefix: '021' },
  { city: 'Baltimore', state: 'MD', zipPrefix: '212' },
  { city: 'Washington', state: 'DC', zipPrefix: '200' },
  { city: 'Denver', state: 'CO', zipPrefix: '802' },
  { city: 'Dallas', state: 'TX', zipPrefix: '752' },
  { city: 'Kansas City', state: 'MO', zipPrefix: '641' },
  { city: 'New Orleans', state: 'LA', zipPrefix: '701' },
  { city: 'Chicago', state: 'IL', zipPrefix: '606' },
  { city: 'Portland', state: 'OR', zipPrefix: '972' },
  { city: 'Phoenix', state: 'AZ', zipPrefix: '850' },
  { city: 'Pittsburgh', state: 'PA', zipPrefix: '152' },
  { city: 'Raleigh', state: 'NC', zipPrefix: '276' },
  { city: 'San Diego', state: 'CA', zipPrefix: '921' },
  { city: 'Seattle', state: 'WA', zipPrefix: '981' },
  { city: 'San Jose', state: 'CA', zipPrefix: '951' },
  { city: 'Salt Lake City', state: 'UT', zipPrefix: '841' },
  { city: 'Tampa', state: 'FL', zipPrefix: '336' },
  { city: 'Tucson', state: 'AZ', zipPrefix: '857' },
  { city: 'Albuquerque', state: 'NM', zipPrefix: '871' },
  { city: 'Omaha', state: 'NE', zipPrefix: '681' },
  { city: 'Madison', state: 'WI', zipPrefix: '537' },
  { city: 'Boise', state: 'ID', zipPrefix: '837' },
  { city: 'Richmond', state: 'VA', zipPrefix: '232' },
  { city: 'Louisville', state: 'KY', zipPrefix: '402' },
  { city: 'Memphis', state: 'TN', zipPrefix: '381' },
  { city: 'Columbus', state: 'OH', zipPrefix: '432' },
  { city: 'Sacramento', state: 'CA', zipPrefix: '958' },
  { city: 'Spokane', state: 'WA', zipPrefix: '992' },
  { city: 'Charleston', state: 'SC', zipPrefix: '294' },
  { city: 'Milwaukee', state: 'WI', zipPrefix: '532' },
  { city: 'Minneapolis', state: 'MN', zipPrefix: '554' },
  { city: 'Buffalo', state: 'NY', zipPrefix: '142' },
  { city: 'Hartford', state: 'CT', zipPrefix: '061' },
  { city: 'Des Moines', state: 'IA', zipPrefix: '503' },
  { city: 'Tulsa', state: 'OK', zipPrefix: '741' },
];

export const CARD_BRANDS: readonly string[] = ['visa', 'mastercard', 'amex', 'discover'];

/** Face values of travel certificates users hold (compensation comes in $50 and $100 steps). */
export const CERTIFICATE_AMOUNTS: readonly number[] = [50, 100, 150, 200, 250, 300, 500];

/** The places the generated customers live: real US cities with their states and ZIP code prefixes. */
export interface City {
  city: string;
  state: string;
  /** The first three digits of the city's ZIP codes; the generator adds two more. */
  zipPrefix: string;
}

export const cities: readonly City[] = [
  { city: 'Boston', state: 'MA', zipPrefix: '021' },
  { city: 'Providence', state: 'RI', zipPrefix: '029' },
  { city: 'Hartford', state: 'CT', zipPrefix: '061' },
  { city: 'Buffalo', state: 'NY', zipPrefix: '142' },
  { city: 'Pittsburgh', state: 'PA', zipPrefix: '152' },
  { city: 'Baltimore', state: 'MD', zipPrefix: '212' },
  { city: 'Richmond', state: 'VA', zipPrefix: '232' },
  { city: 'Raleigh', state: 'NC', zipPrefix: '276' },
  { city: 'Atlanta', state: 'GA', zipPrefix: '303' },
  { city: 'Orlando', state: 'FL', zipPrefix: '328' },
  { city: 'Miami', state: 'FL', zipPrefix: '331' },
  { city: 'Tampa', state: 'FL', zipPrefix: '336' },
  { city: 'Nashville', state: 'TN', zipPrefix: '372' },
  { city: 'Memphis', state: 'TN', zipPrefix: '381' },
  { city: 'Louisville', state: 'KY', zipPrefix: '402' },
  { city: 'Cleveland', state: 'OH', zipPrefix: '441' },
  { city: 'Cincinnati', state: 'OH', zipPrefix: '452' },
  { city: 'Detroit', state: 'MI', zipPrefix: '482' },
  { city: 'Des Moines', state: 'IA', zipPrefix: '503' },
  { city: 'Milwaukee', state: 'WI', zipPrefix: '532' },
  { city: 'Madison', state: 'WI', zipPrefix: '537' },
  { city: 'Minneapolis', state: 'MN', zipPrefix: '554' },
  { city: 'St. Louis', state: 'MO', zipPrefix: '631' },
  { city: 'Kansas City', state: 'MO', zipPrefix: '641' },
  { city: 'Omaha', state: 'NE', zipPrefix: '681' },
  { city: 'New Orleans', state: 'LA', zipPrefix: '701' },
  { city: 'Oklahoma City', state: 'OK', zipPrefix: '731' },
  { city: 'El Paso', state: 'TX', zipPrefix: '799' },
  { city: 'Boise', state: 'ID', zipPrefix: '837' },
  { city: 'Salt Lake City', state: 'UT', zipPrefix: '841' },
  { city: 'Tucson', state: 'AZ', zipPrefix: '857' },
  { city: 'Albuquerque', state: 'NM', zipPrefix: '871' },
  { city: 'Las Vegas', state: 'NV', zipPrefix: '891' },
  { city: 'Oakland', state: 'CA', zipPrefix: '946' },
  { city: 'Sacramento', state: 'CA', zipPrefix: '958' },
  { city: 'Honolulu', state: 'HI', zipPrefix: '968' },
  { city: 'Portland', state: 'OR', zipPrefix: '972' },
  { city: 'Tacoma', state: 'WA', zipPrefix: '984' },
  { city: 'Spokane', state: 'WA', zipPrefix: '992' },
  { city: 'Anchorage', state: 'AK', zipPrefix: '995' },
];

export const streetNames: readonly string[] = [
  'Aspen', 'Birch', 'Chestnut', 'Dogwood', 'Juniper', 'Magnolia', 'Sycamore', 'Spruce', 'Poplar', 'Walnut',
  'Meadow', 'Orchard', 'Harbor', 'Prairie', 'Canyon', 'Summit', 'Brookside', 'Fairview', 'Highland', 'Lakeshore',
  'Mill', 'Quarry', 'Church', 'Market', 'Franklin', 'Jefferson', 'Lincoln', 'Union', 'Central', 'Garden',
  'Sunrise', 'Riverbend', 'Foxglove', 'Heron', 'Kingfisher', 'Ridgeview', 'Stonegate', 'Bluebell', 'Copper', 'Windmill',
];

export const streetSuffixes: readonly string[] = [
  'Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Boulevard', 'Way', 'Place', 'Terrace', 'Parkway',
];

/** How the second address line starts; the generator adds a unit number. */
export const unitKinds: readonly string[] = ['Suite', 'Apt', 'Unit'];

export const country = 'USA';

/**
 * The product types our retail store can stock: our own vocabulary, not tau-bench's. The generator
 * draws a seeded subset of these types, then a handful of option combinations of each as variants.
 */
export interface ProductType {
  name: string;
  /** The range a product's base price is drawn from, in dollars; variants vary about ten percent around it. */
  basePrice: readonly [number, number];
  /** Option name -> its possible values, in the order options are listed in every variant. */
  options: Readonly<Record<string, readonly string[]>>;
}

const colors = {
  basic: ['black', 'white', 'grey', 'navy'],
  bright: ['red', 'orange', 'teal', 'yellow', 'purple'],
  earthy: ['olive', 'tan', 'rust', 'charcoal', 'sand'],
  metal: ['silver', 'matte black', 'brushed brass', 'copper'],
} as const;

const apparelSizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

export const productCatalogue: readonly ProductType[] = [
  { name: 'Rain Jacket', basePrice: [70, 160], options: { size: apparelSizes, color: ['navy', 'olive', 'yellow', 'black', 'red'], hood: ['packable', 'fixed', 'detachable'] } },
  { name: 'Wool Sweater', basePrice: [60, 140], options: { size: apparelSizes, color: ['cream', 'charcoal', 'forest green', 'burgundy'], neckline: ['crew', 'v-neck', 'turtleneck'] } },
  { name: 'Denim Jeans', basePrice: [45, 110], options: { waist: ['28', '30', '32', '34', '36', '38'], fit: ['slim', 'straight', 'relaxed'], wash: ['light', 'medium', 'dark', 'black'] } },
  { name: 'Hiking Sandals', basePrice: [40, 95], options: { size: ['6', '7', '8', '9', '10', '11', '12'], color: colors.earthy, strap: ['hook-and-loop', 'buckle'] } },
  { name: 'Winter Gloves', basePrice: [20, 60], options: { size: ['S', 'M', 'L'], material: ['leather', 'wool', 'fleece', 'softshell'], lining: ['cashmere', 'insulated', 'unlined'] } },
  { name: 'Baseball Cap', basePrice: [15, 40], options: { color: [...colors.basic, ...colors.bright], closure: ['snapback', 'strapback', 'fitted'], material: ['cotton twill', 'mesh', 'wool blend'] } },
  { name: 'Pajama Set', basePrice: [30, 75], options: { size: apparelSizes, fabric: ['flannel', 'cotton', 'silk', 'modal'], pattern: ['plaid', 'striped', 'solid', 'polka dot'] } },
  { name: 'Linen Shirt', basePrice: [35, 85], options: { size: apparelSizes, color: ['white', 'sky blue', 'sage', 'sand', 'black'], sleeve: ['short', 'long'] } },
  { name: 'Leather Belt', basePrice: [25, 75], options: { length: ['30 inch', '32 inch', '34 inch', '36 inch', '38 inch', '40 inch'], color: ['brown', 'black', 'tan'], buckle: colors.metal } },
  { name: 'Canvas Tote Bag', basePrice: [15, 45], options: { color: [...colors.earthy, 'natural'], size: ['small', 'medium', 'large'], closure: ['zipper', 'magnetic snap', 'open top'] } },
  { name: 'Down Vest', basePrice: [80, 180], options: { size: apparelSizes, color: [...colors.basic, 'olive'], fill: ['600 fill', '800 fill', 'synthetic'] } },
  { name: "Chef's Knife", basePrice: [40, 180], options: { 'blade length': ['6 inch', '8 inch', '10 inch'], steel: ['stainless', 'carbon', 'damascus'], handle: ['walnut', 'resin', 'steel', 'olive wood'] } },
  { name: 'Cast Iron Skillet', basePrice: [25, 90], options: { diameter: ['8 inch', '10 inch', '12 inch', '15 inch'], finish: ['pre-seasoned', 'enameled'], color: ['black', 'cherry red', 'cobalt', 'cream'] } },
  { name: 'Countertop Blender', basePrice: [60, 220], options: { capacity: ['48 oz', '64 oz', '72 oz'], power: ['600W', '1000W', '1500W'], color: ['black', 'silver', 'red', 'white'] } },
  { name: 'Toaster', basePrice: [30, 110], options: { slots: ['2', '4'], color: [...colors.basic, 'mint', 'red'], features: ['bagel mode', 'defrost', 'bagel and defrost'] } },
  { name: 'Rice Cooker', basePrice: [40, 160], options: { capacity: ['3 cups', '6 cups', '10 cups'], heating: ['standard', 'fuzzy logic', 'induction'], color: ['white', 'black', 'stainless'] } },
  { name: 'Stand Mixer', basePrice: [220, 480], options: { 'bowl size': ['4.5 qt', '5 qt', '6 qt'], color: ['red', 'white', 'charcoal', 'pistachio', 'blue'], attachments: ['none', 'pasta kit', 'baking kit'] } },
  { name: 'Dinnerware Set', basePrice: [60, 180], options: { 'piece count': ['12', '16', '24'], material: ['porcelain', 'stoneware', 'bone china'], color: ['white', 'speckled grey', 'sage', 'terracotta'] } },
  { name: 'Bath Towel Set', basePrice: [30, 90], options: { color: ['white', 'grey', 'navy', 'blush', 'seafoam'], material: ['cotton', 'bamboo', 'linen'], 'set size': ['2 pieces', '4 pieces', '6 pieces'] } },
  { name: 'Duvet Cover', basePrice: [50, 150], options: { size: ['twin', 'full', 'queen', 'king'], material: ['percale', 'sateen', 'linen'], color: ['white', 'oatmeal', 'slate', 'dusty rose'] } },
  { name: 'Table Lamp', basePrice: [35, 120], options: { 'shade color': ['white', 'linen', 'black', 'green'], base: ['ceramic', 'brass', 'wood', 'marble'], switch: ['rotary', 'touch', 'pull chain'] } },
  { name: 'Area Rug', basePrice: [90, 400], options: { size: ['5x7 ft', '8x10 ft', '9x12 ft'], pattern: ['geometric', 'floral', 'solid', 'distressed'], material: ['wool', 'jute', 'polypropylene'] } },
  { name: 'Throw Pillow', basePrice: [15, 45], options: { size: ['18 inch', '20 inch', '22 inch'], color: [...colors.earthy, 'ivory'], fill: ['down', 'polyester'] } },
  { name: 'Standing Desk', basePrice: [280, 650], options: { 'top size': ['48 inch', '55 inch', '60 inch', '72 inch'], 'frame color': ['black', 'white', 'grey'], motor: ['single', 'dual'] } },
  { name: 'Bar Stool', basePrice: [60, 180], options: { height: ['counter', 'bar'], seat: ['wood', 'leather', 'fabric', 'metal'], color: ['black', 'walnut', 'natural', 'white'] } },
  { name: 'Shoe Rack', basePrice: [30, 100], options: { tiers: ['3', '4', '5', '6'], material: ['bamboo', 'metal', 'pine'], color: ['natural', 'black', 'white'] } },
  { name: 'Ceiling Fan', basePrice: [120, 350], options: { 'blade span': ['42 inch', '52 inch', '60 inch'], finish: colors.metal, light: ['LED kit', 'no light'] } },
  { name: 'Steam Mop', basePrice: [60, 160], options: { 'tank size': ['350 ml', '400 ml', '500 ml'], pads: ['2', '4'], color: ['white', 'blue', 'grey'] } },
  { name: 'Space Heater', basePrice: [40, 140], options: { type: ['ceramic', 'oil-filled', 'infrared'], wattage: ['750W', '1500W'], color: ['white', 'black', 'grey'] } },
  { name: 'Dehumidifier', basePrice: [150, 320], options: { capacity: ['22 pint', '35 pint', '50 pint'], pump: ['built-in', 'none'], color: ['white', 'grey'] } },
  { name: 'Wireless Router', basePrice: [70, 300], options: { standard: ['Wi-Fi 5', 'Wi-Fi 6', 'Wi-Fi 6E', 'Wi-Fi 7'], bands: ['dual-band', 'tri-band'], color: ['black', 'white'] } },
  { name: 'Computer Monitor', basePrice: [150, 700], options: { 'screen size': ['24 inch', '27 inch', '32 inch'], resolution: ['1080p', '1440p', '4K'], 'refresh rate': ['60Hz', '144Hz', '165Hz'] } },
  { name: 'Webcam', basePrice: [40, 160], options: { resolution: ['720p', '1080p', '4K'], microphone: ['mono', 'stereo'], mount: ['monitor clip', 'tripod'] } },
  { name: 'Soundbar', basePrice: [120, 450], options: { channels: ['2.0', '2.1', '3.1', '5.1'], input: ['Bluetooth', 'HDMI eARC', 'optical'], color: ['black', 'white'] } },
  { name: 'Camera Drone', basePrice: [300, 1200], options: { camera: ['2.7K', '4K', '6K'], 'flight time': ['25 min', '34 min', '46 min'], controller: ['standard', 'with screen'] } },
  { name: 'Drawing Tablet', basePrice: [60, 380], options: { 'active area': ['small', 'medium', 'large'], 'pen pressure': ['4096 levels', '8192 levels'], connection: ['wired', 'wireless'] } },
  { name: 'External Drive', basePrice: [60, 250], options: { capacity: ['1TB', '2TB', '4TB', '5TB'], type: ['HDD', 'SSD'], color: ['black', 'blue', 'silver'] } },
  { name: 'USB Microphone', basePrice: [50, 180], options: { 'pickup pattern': ['cardioid', 'multi-pattern'], color: ['black', 'white', 'red'], stand: ['desk stand', 'boom arm', 'none'] } },
  { name: 'Turntable', basePrice: [120, 500], options: { drive: ['belt', 'direct'], speakers: ['built-in', 'none'], finish: ['walnut', 'black', 'white'] } },
  { name: 'Fitness Tracker', basePrice: [40, 160], options: { color: ['black', 'rose', 'slate', 'lime'], band: ['silicone', 'fabric', 'leather'], display: ['monochrome', 'color'] } },
  { name: 'Home Projector', basePrice: [250, 900], options: { resolution: ['1080p', '4K'], brightness: ['2000 lumens', '3000 lumens', '4000 lumens'], throw: ['standard', 'short throw'] } },
  { name: 'Electric Scooter', basePrice: [350, 900], options: { range: ['15 mi', '25 mi', '40 mi'], 'top speed': ['15 mph', '19 mph'], color: ['black', 'grey', 'white', 'teal'] } },
  { name: 'Building Blocks Set', basePrice: [25, 120], options: { 'piece count': ['250', '500', '1000', '1500'], theme: ['space', 'castle', 'city', 'ocean'], age: ['4+', '8+', '12+'] } },
  { name: 'Board Game', basePrice: [20, 70], options: { edition: ['classic', 'deluxe', 'travel'], players: ['2-4', '2-6', '3-8'], language: ['English', 'Spanish', 'French'] } },
  { name: 'Remote Control Car', basePrice: [40, 160], options: { scale: ['1:10', '1:16', '1:24'], terrain: ['road', 'off-road', 'all-terrain'], battery: ['NiMH', 'LiPo'] } },
  { name: 'Camping Tent', basePrice: [90, 450], options: { capacity: ['2-person', '4-person', '6-person'], season: ['3-season', '4-season'], color: ['green', 'orange', 'grey', 'blue'] } },
  { name: 'Sleeping Bag', basePrice: [50, 220], options: { 'temperature rating': ['0F', '20F', '40F'], fill: ['down', 'synthetic'], length: ['regular', 'long'] } },
  { name: 'Kayak Paddle', basePrice: [60, 220], options: { length: ['220 cm', '230 cm', '240 cm'], shaft: ['aluminum', 'fiberglass', 'carbon'], 'blade color': ['red', 'yellow', 'black', 'blue'] } },
  { name: 'Tennis Racket', basePrice: [60, 250], options: { 'head size': ['98 sq in', '100 sq in', '105 sq in'], weight: ['280 g', '300 g', '315 g'], grip: ['4 1/8', '4 1/4', '4 3/8'] } },
  { name: 'Resistance Bands', basePrice: [15, 60], options: { resistance: ['light', 'medium', 'heavy', 'extra heavy'], material: ['latex', 'fabric'], pack: ['single', 'set of 3', 'set of 5'] } },
  { name: 'Rowing Machine', basePrice: [300, 1200], options: { resistance: ['air', 'magnetic', 'water'], frame: ['foldable', 'fixed'], monitor: ['basic', 'smart'] } },
  { name: 'Travel Mug', basePrice: [15, 45], options: { capacity: ['12 oz', '16 oz', '20 oz'], lid: ['slider', 'flip', 'straw'], color: [...colors.basic, ...colors.bright] } },
  { name: 'Cooler', basePrice: [40, 300], options: { capacity: ['25 qt', '45 qt', '65 qt'], build: ['hard-sided', 'soft-sided'], color: ['white', 'tan', 'navy', 'red'] } },
  { name: 'Camping Hammock', basePrice: [30, 120], options: { size: ['single', 'double'], fabric: ['nylon', 'polyester', 'cotton'], color: ['forest', 'sky', 'sunset', 'charcoal'] } },
  { name: 'Fishing Rod', basePrice: [40, 260], options: { length: ['6 ft', '6 ft 6 in', '7 ft'], power: ['light', 'medium', 'heavy'], material: ['graphite', 'fiberglass'] } },
  { name: 'Hair Dryer', basePrice: [40, 250], options: { wattage: ['1600W', '1875W'], technology: ['ionic', 'ceramic', 'tourmaline'], color: ['black', 'white', 'rose gold'] } },
  { name: 'Electric Shaver', basePrice: [50, 280], options: { head: ['foil', 'rotary'], use: ['wet and dry', 'dry only'], color: ['black', 'silver', 'blue'] } },
  { name: 'Skincare Set', basePrice: [30, 120], options: { 'skin type': ['dry', 'oily', 'combination', 'sensitive'], size: ['travel', 'full size'], scent: ['unscented', 'citrus', 'lavender'] } },
  { name: 'Dog Leash', basePrice: [12, 45], options: { length: ['4 ft', '6 ft', '10 ft'], material: ['nylon', 'leather', 'rope'], color: ['red', 'blue', 'black', 'orange'] } },
  { name: 'Cat Tree', basePrice: [50, 200], options: { height: ['36 inch', '52 inch', '72 inch'], color: ['beige', 'grey', 'brown'], platforms: ['3', '4', '5'] } },
  { name: 'Bird Feeder', basePrice: [20, 70], options: { style: ['tube', 'platform', 'window'], capacity: ['1 lb', '3 lb', '5 lb'], material: ['metal', 'cedar', 'recycled plastic'] } },
  { name: 'Lawn Mower', basePrice: [180, 650], options: { power: ['gas', 'corded electric', 'battery'], 'cutting width': ['16 inch', '20 inch', '21 inch'], drive: ['push', 'self-propelled'] } },
  { name: 'Fountain Pen', basePrice: [25, 220], options: { nib: ['extra fine', 'fine', 'medium', 'broad'], barrel: ['black', 'burgundy', 'emerald', 'tortoise'], filling: ['cartridge', 'converter', 'piston'] } },
  { name: 'Paper Shredder', basePrice: [50, 250], options: { cut: ['strip', 'cross', 'micro'], 'sheet capacity': ['6', '10', '16'], bin: ['4 gal', '6 gal', '9 gal'] } },
];

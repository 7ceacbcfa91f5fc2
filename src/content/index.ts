console.log('cs')
